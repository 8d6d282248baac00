import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  formatAlertEmbed,
  formatAlertMessage,
  nonceFor,
  renderCommandReply,
  roleIdOf,
  withReportedBy,
} from '../../../src/platforms/discord/discord-format.js';
import { createAlert, createArticle } from '../../builders/article.js';

const ZWSP = '\u200b';

describe('formatAlertEmbed', () => {
  const alert = createAlert({
    gist: 'US–Russia talks · Miami',
    terms: [
      { term: 'Witkoff', group: 'actor', field: 'title', text: 'Witkoff', name: 'Steve Witkoff' },
      { term: 'Dmitriev', group: 'actor', field: 'title', text: 'Dmitriev', name: 'Kirill Dmitriev' },
      { term: 'Witkoff', group: 'actor', field: 'summary', text: 'Witkoff', name: 'Steve Witkoff' },
      { term: 'Miami', group: 'place', field: 'title', text: 'Miami', name: 'Miami' },
    ],
    keywords: ['security guarantees'],
  });

  it('links the headline, puts the gist in italics above the summary, and lists the evidence', () => {
    expect(formatAlertEmbed(alert)).toEqual({
      title: 'Witkoff and Dmitriev meet in Miami',
      url: 'https://news.example/2025/12/13/talks',
      description: '*US–Russia talks · Miami*\n\nUS and Russian envoys met in Miami on Saturday to discuss a ceasefire in Ukraine.',
      color: expect.any(Number),
      fields: [
        { name: 'Actors', value: 'Steve Witkoff, Kirill Dmitriev', inline: true },
        { name: 'Venue', value: 'Miami', inline: true },
        { name: 'Topics', value: 'ukraine-peace-talks, "security guarantees"', inline: true },
      ],
      footer: { text: 'Example News · en' },
      timestamp: '2025-12-13T09:00:00.000Z',
    });
  });

  it('keeps every part within Discord limits and drops a non-http url or a bad date', () => {
    const long = createAlert({
      article: createArticle({ title: 'T'.repeat(400), url: 'javascript:alert(1)', publishedAt: 'yesterday' }),
      summary: 'S'.repeat(5000),
      terms: Array.from({ length: 300 }, (_, i) => ({ term: `a${i}`, group: 'actor', field: 'title' as const, text: `Actor number ${i}` })),
    });
    const embed = formatAlertEmbed(long);
    expect(embed.title).toHaveLength(DISCORD_LIMITS.title);
    expect(embed.description).toHaveLength(DISCORD_LIMITS.description);
    expect(embed.fields?.[0]?.value).toHaveLength(DISCORD_LIMITS.fieldValue);
    expect(embed).not.toHaveProperty('url');
    expect(embed).not.toHaveProperty('timestamp');
  });

  it('makes hostile article text inert', () => {
    const hostile = createAlert({
      article: createArticle({ title: '@everyone [Click](https://evil.example) <@123>', source: '**Fake** <@&42>' }),
      summary: '> @here ||secret||',
    });
    const embed = formatAlertEmbed(hostile);
    expect(embed.title).toBe(`@${ZWSP}everyone \\[Click\\]\\(https://evil.example\\) <${ZWSP}@123>`);
    expect(embed.description).toBe(`\\> @${ZWSP}here \\|\\|secret\\|\\|`);
    expect(embed.footer?.text).toBe('**Fake** <@&42> · en'.replace('<@&', `<${ZWSP}@&`));
  });
});

describe('formatAlertMessage', () => {
  it('sends no content and allows no mentions by default', () => {
    expect(formatAlertMessage(createAlert())).toMatchObject({ content: '', allowed_mentions: { parse: [] } });
  });
  it.each([['123456789012345678'], ['<@&123456789012345678>']])('mentions only the subscription role given as %j', (mention) => {
    expect(formatAlertMessage(createAlert(), { mention })).toMatchObject({
      content: '<@&123456789012345678>',
      allowed_mentions: { parse: [], roles: ['123456789012345678'] },
    });
  });
  it.each([['@everyone'], ['<@123456789012345678>'], ['here']])('refuses a mention that is not a role: %j', (mention) => {
    expect(roleIdOf(mention)).toBeUndefined();
    expect(formatAlertMessage(createAlert(), { mention }).content).toBe('');
  });
});

describe('nonceFor', () => {
  it('is stable, within 25 characters, and differs per key', () => {
    const key = 'alert:news.example/2025/12/13/talks→discord:1100000000000000010';
    expect(nonceFor(key)).toBe(nonceFor(key));
    expect(nonceFor(key).length).toBeLessThanOrEqual(25);
    expect(nonceFor(`${key}x`)).not.toBe(nonceFor(key));
  });
});

describe('withReportedBy', () => {
  const reports = [
    { articleId: 'a', source: 'Root', url: 'https://root.example/a' },
    { articleId: 'b', source: 'Reuters', url: 'https://reuters.example/b_(x)' },
    { articleId: 'c', source: 'Le *Monde*', url: '' },
  ];
  it('adds one "Also reported by" field listing every later report, replacing an earlier one', () => {
    const once = withReportedBy({ type: 'rich' as never, title: 't', fields: [{ name: 'Venue', value: 'Miami' }] }, reports.slice(0, 2));
    const twice = withReportedBy(once, reports);
    expect(twice).not.toHaveProperty('type');
    expect(twice.fields).toEqual([
      { name: 'Venue', value: 'Miami' },
      { name: 'Also reported by', value: '[Reuters](https://reuters.example/b_%28x%29) · Le \\*Monde\\*', inline: false },
    ]);
  });
  it('groups labelled reports by source type, under a line with the outlets and languages', () => {
    const labelled = [
      { articleId: 'a', source: 'TASS', url: 'https://tass.example/a', language: 'ru', sourceType: 'state-affiliated' as const },
      { articleId: 'b', source: 'Reuters', url: 'https://reuters.example/b', language: 'en', sourceType: 'wire' as const },
      { articleId: 'c', source: 'RIA', url: 'https://ria.example/c', language: 'ru', sourceType: 'state-affiliated' as const },
      { articleId: 'd', source: 'Le Monde', url: '', language: 'fr' },
    ];
    expect(withReportedBy({}, labelled).fields?.[0]?.value).toBe(
      '4 outlets · en, fr, ru\n**wire**: [Reuters](https://reuters.example/b) (en)\n**state-affiliated**: [RIA](https://ria.example/c) (ru)\nLe Monde (fr)',
    );
  });
  it('shows the source label in the footer', () => {
    const alert = createAlert({ article: createArticle({ source: 'TASS', language: 'ru', sourceLabel: { type: 'state-affiliated', country: 'ru' } }) });
    expect(formatAlertEmbed(alert).footer?.text).toBe('TASS · state-affiliated · ru · ru');
  });
  it('stays within a field value with many labelled reports', () => {
    const types = ['wire', 'newspaper', 'official'] as const;
    const many = Array.from({ length: 200 }, (_, i) => ({ articleId: String(i), source: `Outlet ${i}`, url: `https://o${i}.example/x`, language: 'en', sourceType: types[i % 3] }));
    const value = withReportedBy({}, many).fields?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(value).toMatch(/\+\d+ more$/u);
  });
  it('stays within a field value with many reports', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ articleId: String(i), source: `Outlet ${i}`, url: `https://o${i}.example/x` }));
    const value = withReportedBy({}, many).fields?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    expect(value).toMatch(/\+\d+ more$/u);
  });
});

describe('renderCommandReply', () => {
  it.each([
    ['*Subscribed* to `ukraine-peace-talks`', '**Subscribed** to `ukraine-peace-talks`'],
    ['• *a* and *b*\nnext', '• **a** and **b**\nnext'],
    ['no markup', 'no markup'],
  ])('renders %j', (input, expected) => {
    expect(renderCommandReply(input)).toBe(expected);
  });
  it('fits a message', () => {
    expect(renderCommandReply('x'.repeat(3000))).toHaveLength(DISCORD_LIMITS.content);
  });
});
