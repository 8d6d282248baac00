// Every place text leaves the process, fed the same hostile article: nothing forges a link or
// a mention, nothing reverses the display, and nothing passes a platform's limits.
import { describe, expect, it } from 'vitest';
import { latestText } from '../../src/commands/command-replies.js';
import type { Alert } from '../../src/domain/alert.js';
import { formatAlertForConsole } from '../../src/platforms/console/console-format.js';
import { ALSO_REPORTED_BY, DISCORD_LIMITS, embedLength, formatAlertEmbed, renderCommandReply, withReportedBy } from '../../src/platforms/discord/discord-format.js';
import { formatAlert, formatReply, formatReport } from '../../src/platforms/slack/slack-format.js';
import { createAlert, createArticle } from '../builders/article.js';
import { BIDI_OR_CONTROL, expectSafeDiscord, expectSafeDiscordReply, expectSafeSlack } from './outgoing-checks.js';

const LONG_URL = `https://news.example/${'a'.repeat(10_000)}`;
// Linkable, but a few of them do not fit one Slack section.
const MID_URL = `https://news.example/${'b'.repeat(2_000)}`;
const BIDI = BIDI_OR_CONTROL;

const hostile = (over: { url?: string; title?: string; summary?: string } = {}): Alert =>
  createAlert({
    article: createArticle({
      title: over.title ?? '[click](http://evil.example/) <@&123456789> <@987654321> <#555555> @everyone \u202Eesrever\u202C \u001b[31m <!channel>',
      summary: over.summary ?? `Summary \u0000 [x](http://evil.example/) <!here> @here ${'long '.repeat(2_000)}`,
      url: over.url ?? 'https://news.example/a',
      source: 'Evil <!here> [Times](http://evil.example/)',
    }),
    gist: '[g](http://evil.example/) \u202E',
    keywords: ['<!everyone> [k](http://evil.example/)'],
    reportedBy: Array.from({ length: 12 }, (_, i) => ({ articleId: `r${i}`, source: `Outlet ${i} [x](http://evil.example/)`, url: i % 2 ? MID_URL.replace('news', `r${i}`) : `https://r${i}.example/`, language: 'en' })),
  });

describe('text leaving the process', () => {
  it.each([
    ['an ordinary URL', 'https://news.example/a', undefined],
    ['a 10,000-character URL', LONG_URL, undefined],
    ['a 2,000-character URL and a title of ampersands', MID_URL, '&'.repeat(300)],
  ])('Slack alert, thread report and `latest` reply are escaped and whole with %s', (_what, url, title) => {
    const alert = hostile({ url, ...(title ? { title } : {}) });
    const message = formatAlert(alert);
    const report = formatReport(alert);
    for (const text of [message.text, JSON.stringify(message.blocks), report.text, JSON.stringify(report.blocks)]) expectSafeSlack(JSON.parse(JSON.stringify(text)) as string);
    for (const block of [...message.blocks, ...report.blocks]) {
      const texts = JSON.stringify(block).match(/"text":"((?:[^"\\]|\\.)*)"/gu) ?? [];
      for (const t of texts) expect(JSON.parse(`{${t}}`).text.length).toBeLessThanOrEqual(3000);
    }
    const reply = formatReply({ text: latestText([alert]), isError: false });
    expectSafeSlack(reply);
    expect(reply.length).toBeLessThanOrEqual(3900);
    if (url === LONG_URL) expect(JSON.stringify(message.blocks)).not.toContain(LONG_URL.slice(0, 3000));
  });

  it.each([
    ['an ordinary URL', 'https://news.example/a'],
    ['a 10,000-character URL', LONG_URL],
  ])('Discord embed, its update and `latest` reply are escaped and within limits with %s', (_what, url) => {
    const alert = hostile({ url });
    const embed = formatAlertEmbed(alert);
    const updated = withReportedBy(embed, alert.reportedBy);
    for (const e of [embed, updated]) {
      expectSafeDiscord([e.title, e.description, ...(e.fields ?? []).filter((f) => f.name !== ALSO_REPORTED_BY).map((f) => f.value)].join('\n'));
      expect(e.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embedLength(e)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      expect((e.url ?? '').length).toBeLessThanOrEqual(2048);
    }
    const reply = renderCommandReply(latestText([alert, alert]));
    expectSafeDiscordReply(reply);
    expect(reply.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  });

  it('keeps a Discord embed within 6,000 characters in total whatever summary.maxChars allows', () => {
    const big = hostile({ title: 'T'.repeat(5_000), summary: 'S '.repeat(20_000) });
    const embed = withReportedBy(formatAlertEmbed({ ...big, gist: 'G'.repeat(3_000) }), big.reportedBy);
    expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it('strips bidi and control characters from the console alert', () => {
    expect(formatAlertForConsole(hostile(), { color: false })).not.toMatch(BIDI);
  });

  it('shows `latest` titles as text in Discord: a forged masked link stays visible text', () => {
    const reply = renderCommandReply(latestText([hostile()]));
    expect(reply).toContain('\\[click\\]');
    expect(reply).toContain('<https://news.example/a>');
  });
});
