// Fuzzing the formatters (fast-check, seeded and bounded): whatever a feed sends, nothing posted
// carries unescaped mention or link syntax, and nothing passes a platform's limits.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expect } from 'vitest';
import { latestText } from '../../src/commands/command-replies.js';
import type { Alert } from '../../src/domain/alert.js';
import { ALSO_REPORTED_BY, DISCORD_LIMITS, embedLength, formatAlertEmbed, formatAlertMessage, renderCommandReply, withReportedBy } from '../../src/platforms/discord/discord-format.js';
import { formatAlert, formatReply, formatReport } from '../../src/platforms/slack/slack-format.js';
import { createAlert, createArticle } from '../builders/article.js';
import { expectSafeDiscord, expectSafeDiscordReply, expectSafeSlack } from './outgoing-checks.js';

const RUNS = { seed: 20251206, numRuns: 120 };

// Pieces an attacker would reach for, mixed with arbitrary text (any code point).
const hostilePiece = fc.constantFrom(
  '<!channel>', '<!here>', '<@U0BOSS>', '<@&123456789>', '<@!42424242>', '<#555555>', '</cmd:1>', '@everyone', '@here', '@channel',
  '[click](http://evil.example/)', '](', '\\', '\\\\', '*', '_', '~', '`', '|', '||', '> ', '# ', '-# ', '1. ', '&', '&amp;', '<', '>',
  '\u202e', '\u2066', '\u200f', '\u0000', '\u001b[31m', '\n', '\t', '😀', 'https://news.example/a',
);
const hostileText = (maxLength: number) =>
  fc.array(fc.oneof(hostilePiece, fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength }).map((parts) => parts.join(''));
const url = fc.oneof(
  fc.constant('https://news.example/a'),
  fc.webUrl(),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => `https://news.example/${'u'.repeat(n)}`),
  hostileText(4).map((t) => `https://news.example/${t}`),
);

const alertArb: fc.Arbitrary<Alert> = fc
  .record({
    title: hostileText(40),
    summary: hostileText(60),
    source: hostileText(6),
    url,
    gist: hostileText(10),
    keywords: fc.array(hostileText(4), { maxLength: 3 }),
    names: fc.array(hostileText(4), { maxLength: 4 }),
    reports: fc.array(fc.record({ source: hostileText(4), url }), { maxLength: 12 }),
    big: fc.boolean(),
  })
  .map(({ title, summary, source, url: u, gist, keywords, names, reports, big }) =>
    createAlert({
      article: createArticle({ title: big ? title.repeat(200) : title, summary: big ? summary.repeat(200) : summary, source, url: u }),
      summary: big ? summary.repeat(200) : summary,
      gist,
      keywords,
      terms: names.map((name, i) => ({ term: name, group: ['actor', 'place', 'subject', 'context'][i % 4]!, field: 'title' as const, text: name, name })),
      reportedBy: [{ articleId: 'test:1', source, url: u }, ...reports.map((r, i) => ({ articleId: `r${i}`, ...r }))],
    }),
  );

/** Every text of a Block Kit message, with the limits Slack sets for where it sits. */
function slackTexts(blocks: unknown[]): Array<{ text: string; max: number }> {
  const out: Array<{ text: string; max: number }> = [];
  for (const b of blocks as Array<{ text?: { text: string }; elements?: Array<{ text: string }>; fields?: Array<{ text: string }> }>) {
    if (b.text) out.push({ text: b.text.text, max: 3000 });
    for (const e of b.elements ?? []) out.push({ text: e.text, max: 3000 });
    for (const f of b.fields ?? []) out.push({ text: f.text, max: 2000 });
  }
  return out;
}

describe('formatter properties', () => {
  it('Slack: alerts, thread reports and replies hold no live mention or broken link markup, within the block limits', () => {
    fc.assert(
      fc.property(alertArb, (alert) => {
        for (const message of [formatAlert(alert), formatReport(alert)]) {
          expectSafeSlack(message.text);
          for (const { text, max } of slackTexts(message.blocks)) {
            expectSafeSlack(text);
            expect(text.length).toBeLessThanOrEqual(max);
          }
        }
        const reply = formatReply({ text: latestText([alert, alert]), isError: false });
        expectSafeSlack(reply);
        expect(reply.length).toBeLessThanOrEqual(3900);
      }),
      RUNS,
    );
  });

  it('Discord: embeds and replies hold no live mention or masked link, within the embed and message limits', () => {
    fc.assert(
      fc.property(alertArb, (alert) => {
        const message = formatAlertMessage(alert);
        expect(message.allowed_mentions.parse).toEqual([]);
        for (const embed of [message.embeds[0]!, withReportedBy(message.embeds[0]!, alert.reportedBy)]) {
          const ours = (embed.fields ?? []).filter((f) => f.name !== ALSO_REPORTED_BY);
          expectSafeDiscord([embed.title ?? '', embed.description ?? '', ...ours.map((f) => f.value)].join('\n'));
          expect((embed.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
          expect((embed.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
          for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
          expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          expect((embed.url ?? '').length).toBeLessThanOrEqual(2048);
        }
        const reply = renderCommandReply(latestText([alert, alert]));
        expectSafeDiscordReply(reply);
        expect(reply.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      }),
      RUNS,
    );
  });
});
