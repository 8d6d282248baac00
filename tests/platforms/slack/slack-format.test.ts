import { describe, expect, it } from 'vitest';
import { describeWhy, formatAlert, formatReply, formatReport } from '../../../src/platforms/slack/slack-format.js';
import { createAlert, createArticle } from '../../builders/article.js';

/** Every `<…>` Slack would interpret: only our own headline links and dates may appear. */
const specials = (s: string) => s.match(/<[^>]*>/gu) ?? [];

const hostile = createAlert({
  article: createArticle({
    title: 'Talks <!channel> @everyone <@U0BOSS> <https://evil.example|click> & @here',
    source: 'Evil <!here> Times',
    url: 'https://news.example/a?x=1&y=<2>|3',
    summary: 'Summary with <!subteam^S1> and @channel inside.',
  }),
  gist: 'US–Russia talks · <b>Geneva</b>',
  keywords: ['<!everyone>'],
  terms: [
    { term: 'Witkoff', group: 'actor', field: 'title', text: 'Witkoff', entityId: 'witkoff', name: 'Steve Witkoff' },
    { term: 'Miami', group: 'place', field: 'summary', text: 'Miami', entityId: 'miami', name: 'Miami' },
    { term: 'ceasefire', group: 'subject', field: 'title', text: 'ceasefire', entityId: 'ceasefire', name: 'ceasefire' },
  ],
});

describe('formatAlert', () => {
  it('lets no article text become a mention or a link', () => {
    const { text, blocks } = formatAlert(hostile);
    const rendered = `${text}\n${JSON.stringify(blocks)}`;
    for (const s of specials(rendered)) expect(s).toMatch(/^<(https:\/\/news\.example\/[^|>]*\|[^<>]*|!date\^\d+\^[^|>]*\|[^<>]*)>$/u);
    expect(rendered).toContain('&lt;!channel&gt;');
    expect(rendered).toContain('&lt;@U0BOSS&gt;');
    expect(rendered).toContain('@\u200beveryone');
    expect(rendered).not.toMatch(/@(everyone|here|channel)/u);
    expect(text).toBe('Talks &lt;!channel&gt; @\u200beveryone &lt;@U0BOSS&gt; &lt;https://evil.example|click&gt; &amp; @\u200bhere (Evil &lt;!here&gt; Times)');
  });

  it('builds the headline, source line, facts, summary, gist and why', () => {
    const alert = createAlert({
      gist: 'US–Russia talks · Miami',
      terms: hostile.terms,
      score: 0.8123,
      reportedBy: [
        { articleId: 'test:1', source: 'Example News', url: 'https://news.example/2025/12/13/talks' },
        { articleId: 'r2', source: 'Le Monde', url: 'https://lemonde.example/a', language: 'fr' },
      ],
    });
    const { blocks } = formatAlert(alert);
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*<https://news.example/2025/12/13/talks|Witkoff and Dmitriev meet in Miami>*' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Example News · EN · <!date^1765616400^{date_short_pretty} {time}|2025-12-13 09:00 UTC>' }] },
      { type: 'section', fields: [
        { type: 'mrkdwn', text: '*Actors*\nSteve Witkoff' },
        { type: 'mrkdwn', text: '*Venue*\nMiami' },
        { type: 'mrkdwn', text: '*Topics*\nukraine-peace-talks' },
      ] },
      { type: 'section', text: { type: 'mrkdwn', text: alert.summary } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: ':gb: US–Russia talks · Miami' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'why: actors Steve Witkoff · places Miami · subjects ceasefire · score 0.81' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Also reported by <https://lemonde.example/a|Le Monde>' }] },
    ]);
  });

  it('shows the source label and lists the story\'s reports grouped by source type, with outlets and languages', () => {
    const article = createArticle({ source: 'RIA <Novosti>', sourceLabel: { type: 'state-affiliated', country: 'ru' }, language: 'ru' });
    const alert = createAlert({
      article,
      language: 'ru',
      reportedBy: [
        { articleId: article.id, source: article.source, url: article.url, language: 'ru', sourceType: 'state-affiliated' },
        { articleId: 'b', source: 'Le Monde', url: 'https://lemonde.example/b', language: 'fr', sourceType: 'newspaper' },
        { articleId: 'c', source: 'Kremlin', url: 'https://kremlin.example/c', language: 'ru', sourceType: 'official' },
        { articleId: 'd', source: 'Guardian', url: 'https://guardian.example/d', language: 'en', sourceType: 'newspaper' },
      ],
    });
    const { blocks } = formatAlert(alert);
    expect(JSON.stringify(blocks[1])).toContain('RIA &lt;Novosti&gt; · state-affiliated · ru · RU · ');
    expect(blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{
        type: 'mrkdwn',
        text: 'Also reported by (4 outlets · en, fr, ru) _official_: <https://kremlin.example/c|Kremlin> (ru) · _newspaper_: <https://lemonde.example/b|Le Monde> (fr), <https://guardian.example/d|Guardian> (en)',
      }],
    });
  });

  it('puts a valid configured mention first and drops anything else', () => {
    expect(formatAlert(hostile, { mention: '<!subteam^S0PEACE>' }).text).toMatch(/^<!subteam\^S0PEACE> Talks/u);
    expect(formatAlert(hostile, { mention: '<!subteam^S0PEACE>' }).blocks[0]).toMatchObject({ text: { text: expect.stringMatching(/^<!subteam\^S0PEACE> \*</u) } });
    expect(formatAlert(hostile, { mention: '@everyone' }).text).toMatch(/^Talks/u);
  });

  it('stays inside Slack limits for a huge article', () => {
    const big = createAlert({ article: createArticle({ title: 'T'.repeat(5000), summary: 'S'.repeat(10_000) }), summary: 'S'.repeat(10_000) });
    const { text, blocks } = formatAlert(big);
    expect(text.length).toBeLessThan(4000);
    for (const b of blocks) expect(JSON.stringify(b).length).toBeLessThan(3200);
  });
});

describe('formatReport, formatReply and describeWhy', () => {
  it('words a later report for the thread, escaped', () => {
    const { text, blocks } = formatReport(hostile);
    expect(text).toMatch(/^Also reported by Evil &lt;!here&gt; Times: Talks &lt;!channel&gt;/u);
    expect(blocks[0]).toMatchObject({ type: 'section', text: { text: expect.stringContaining('(EN): <https://news.example/a?x=1&amp;y=%3C2%3E%7C3|Talks') } });
  });

  it('escapes a command reply and marks errors', () => {
    expect(formatReply({ text: 'keyword `<!channel>`', isError: false })).toBe('keyword `&lt;!channel&gt;`');
    expect(formatReply({ text: 'Only managers', isError: true })).toBe(':warning: Only managers');
  });

  it('names the evidence by entity', () => {
    expect(describeWhy(hostile)).toBe('actors Steve Witkoff · places Miami · subjects ceasefire · keywords <!everyone>');
  });
});
