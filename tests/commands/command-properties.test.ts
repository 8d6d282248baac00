// Fuzzing the command path (fast-check, seeded and bounded): any text typed after /peacewatch
// gets a reply, never a throw, and the reply is safe to post on both platforms.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/commands/command-handler.js';
import { UserError, type CommandReply } from '../../src/commands/command-types.js';
import { parseCommandText } from '../../src/commands/parse-command.js';
import { DISCORD_LIMITS, renderCommandReply } from '../../src/platforms/discord/discord-format.js';
import { formatReply } from '../../src/platforms/slack/slack-format.js';
import { createAlert } from '../builders/article.js';
import { storeFixture } from '../builders/stores.js';
import { createTestTopic } from '../builders/topic.js';
import { expectSafeDiscordReply, expectSafeSlack } from '../platforms/outgoing-checks.js';

const RUNS = { seed: 20251206, numRuns: 200 };
const NOW = Date.parse('2025-12-13T10:00:00Z');

const word = fc.constantFrom(
  'subscribe', 'unsubscribe', 'sub', 'list', 'topics', 'latest', 'status', 'pause', 'resume', 'help', 'HELP',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'ukraine-peace-talks', 'min=0.5', 'min=2', 'min=', '20', '0', '99',
  '"', '“', '»', '"security guarantees"', '<!channel>', '<@U0BOSS>', '[x](http://evil.example/)', '@everyone', '\u202e', '\u0000', '`', '*',
);
const commandText = fc
  .array(fc.oneof(word, fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 8 })
  .map((parts) => parts.join(' '))
  .chain((text) => fc.oneof(fc.constant(text), fc.constant(text.repeat(60))));

const fixture = storeFixture();
let reply: (text: string) => Promise<CommandReply>;
beforeAll(async () => {
  const stores = await fixture.open();
  const handler = createCommandHandler({
    subscriptions: stores.subscriptions,
    topics: [createTestTopic()],
    feeds: [{ id: 'f', name: 'Feed <!here>', url: 'https://f.example/rss', intervalMinutes: 10 }],
    feedStates: stores.feedState,
    recentAlerts: async () => [createAlert()],
    postedSince: async () => [],
    lastCycleAt: () => undefined,
    limits: { maxSubscriptionsPerChannel: 5, maxKeywordLength: 80, maxKeywordsPerChannel: 3, maxKeywordsPerWorkspace: 10 },
    now: () => NOW,
  });
  // What both adapters do: parse (Slack) and run; a UserError from either is the reply.
  reply = async (text) => {
    try {
      return await handler(parseCommandText(text), { channel: { platform: 'slack', id: 'C0FUZZ' }, userId: 'U0ADMIN', canManageChannel: true });
    } catch (err) {
      if (err instanceof UserError) return { text: err.message, isError: true };
      throw err;
    }
  };
});
afterAll(() => fixture.cleanup());

describe('command properties', () => {
  it('any text gets a non-empty reply, never a throw, safe and within limits on both platforms', async () => {
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        const r = await reply(text);
        expect(r.text.trim()).not.toBe('');
        const slack = formatReply(r);
        expectSafeSlack(slack);
        expect(slack.length).toBeLessThanOrEqual(3900);
        const discord = renderCommandReply(r.text);
        expectSafeDiscordReply(discord);
        expect(discord.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      }),
      RUNS,
    );
  });
});
