// Runs the ChatAdapter contract against every implementation (real clients against the loopback
// fakes) and against the delivery tests' fake platform.
import { Writable } from 'node:stream';
import type { ChatAdapter } from '../../src/platforms/chat-adapter.js';
import { createConsoleAdapter } from '../../src/platforms/console/console-adapter.js';
import { createDiscordAdapter } from '../../src/platforms/discord/discord-adapter.js';
import { createDiscordWebhookAdapter } from '../../src/platforms/discord/discord-webhook-adapter.js';
import { createSlackAdapter } from '../../src/platforms/slack/slack-adapter.js';
import { createSlackWebhookAdapter } from '../../src/platforms/slack/slack-webhook-adapter.js';
import { createFakePlatform } from '../delivery/fake-platform.js';
import { DEFAULT_APPLICATION_ID, DEFAULT_CHANNEL_ID, startFakeDiscord, type DiscordMessage, type FakeDiscord } from '../fakes/discord-api.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackMessage } from '../fakes/slack-api.js';
import { captureLog } from './discord/capture-log.js';
import { describeChatAdapterContract, type ContractSubject, type WireFailure } from './chat-adapter.contract.js';

const SLACK_TOKEN = 'xoxb-contract-token';
const DISCORD_TOKEN = 'contract-bot-token';
const DISCORD_EPOCH = 1_420_070_400_000n;
const noCommands = async () => ({ text: 'unused', isError: false });

describeChatAdapterContract('console', async () => {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const adapter = createConsoleAdapter({ out, color: false });
  return {
    adapter,
    channelId: 'stdout',
    // An edit on a terminal is a line of its own; messages are the alerts and replies.
    messageCount: () => lines.filter((l) => !l.startsWith('  ↻')).length,
    postRequests: () => lines.filter((l) => !l.startsWith('  ↻')).length,
    failNextPost: () => false,
    edits: true,
    close: async () => {},
  };
});

describeChatAdapterContract('Slack Web API', async () => {
  const fake = await startFakeSlackApi({ token: SLACK_TOKEN, channels: [{ id: 'C0NEWS', name: 'news', is_member: true }] });
  const adapter = createSlackAdapter({ botToken: SLACK_TOKEN, apiUrl: fake.url, port: 0, managers: [], onCommand: noCommands, log: captureLog().log });
  await adapter.start();
  return {
    adapter,
    channelId: 'C0NEWS',
    missingChannelId: 'C0GONE',
    messageCount: () => fake.messages.get('C0NEWS')?.length ?? 0,
    postRequests: () => fake.calls.filter((c) => c.method === 'chat.postMessage').length,
    deleteMessage: (ref) => fake.deleteMessage(ref.channelId, ref.messageId),
    failNextPost: (failure) => slackFailure(fake, 'chat.postMessage', failure),
    failNextLookup: () => fake.failNext('conversations.history', { status: 500 }),
    crowdHistory: async () => {
      // More messages since `sinceMs` than a search reads (5 pages of 200).
      crowd(fake, 'C0NEWS', 1_001);
      return true;
    },
    edits: true,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
});

describeChatAdapterContract('Slack incoming webhook', async () => {
  const fake = await startFakeSlackApi({ incomingWebhooks: { '/services/T0/B0/secret': 'C0HOOK' } });
  const adapter = createSlackWebhookAdapter({ webhooks: { newsroom: `${new URL(fake.url).origin}/services/T0/B0/secret` }, log: captureLog().log });
  await adapter.start();
  return {
    adapter,
    channelId: 'newsroom',
    missingChannelId: 'elsewhere',
    messageCount: () => fake.messages.get('C0HOOK')?.length ?? 0,
    postRequests: () => fake.calls.filter((c) => c.method === 'incoming-webhook').length,
    // The webhook's ref carries no ts; the contract's root is the channel's first message.
    deleteMessage: () => {
      const first = fake.messages.get('C0HOOK')?.[0];
      if (first) fake.deleteMessage('C0HOOK', first.ts);
    },
    failNextPost: (failure) => slackFailure(fake, 'incoming-webhook', failure),
    edits: false,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
});

describeChatAdapterContract('Discord REST (bot)', async () => {
  const fake = await startFakeDiscord({ token: DISCORD_TOKEN });
  const adapter = createDiscordAdapter({
    token: DISCORD_TOKEN,
    applicationId: DEFAULT_APPLICATION_ID,
    apiUrl: fake.restUrl,
    onCommand: noCommands,
    topicChoices: () => [],
    log: captureLog().log,
  });
  // Posting goes over REST without the gateway: not logged in here.
  return {
    adapter,
    channelId: DEFAULT_CHANNEL_ID,
    missingChannelId: '1100000000000000999',
    messageCount: () => fake.messages.get(DEFAULT_CHANNEL_ID)?.length ?? 0,
    postRequests: () => fake.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/u.test(c.path)).length,
    deleteMessage: (ref) => fake.deleteMessage(ref.channelId, ref.messageId),
    failNextPost: (failure) => discordFailure(fake, 'POST /channels/:id/messages', failure),
    failNextLookup: () => fake.failNext('GET /channels/:id/messages', { status: 500 }),
    crowdHistory: async () => {
      // More messages since `sinceMs` than a search reads (5 pages of 100).
      crowdDiscord(fake, DEFAULT_CHANNEL_ID, 501);
      return true;
    },
    edits: true,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
});

describeChatAdapterContract('Discord webhook', async () => {
  const fake = await startFakeDiscord({ webhooks: [{ id: '42', token: 'hook-token', channelId: DEFAULT_CHANNEL_ID }] });
  const adapter = createDiscordWebhookAdapter({ webhooks: { desk: `${fake.restUrl}/webhooks/42/hook-token` }, log: captureLog().log });
  return {
    adapter,
    channelId: 'desk',
    missingChannelId: 'elsewhere',
    messageCount: () => fake.messages.get(DEFAULT_CHANNEL_ID)?.length ?? 0,
    postRequests: () => fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/webhooks/')).length,
    deleteMessage: (ref) => fake.deleteMessage(DEFAULT_CHANNEL_ID, ref.messageId),
    failNextPost: (failure) => discordFailure(fake, 'POST /webhooks/:id/:token', failure),
    edits: true,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
});

for (const [name, platform, dedup] of [['Slack-like', 'slack', 'find'], ['Discord-like', 'discord', 'nonce']] as const) {
  describeChatAdapterContract(`delivery tests' fake platform (${name})`, async () => {
    const fake = createFakePlatform({ platform, rateLimit: { messages: 1, perMs: 1_000 }, now: Date.now, dedup });
    const scripts: Record<WireFailure, Parameters<typeof fake.failNext>[1] | undefined> = {
      'rate-limited': { reason: 'rate-limited', retryAfterMs: 1_000 },
      // Only Discord has a platform-wide limit.
      'global-rate-limited': platform === 'discord' ? { reason: 'rate-limited', retryAfterMs: 1_000, global: true } : undefined,
      'server-error': { reason: 'transient', message: 'fake HTTP 503' },
      'server-error-after-landing': 'land-then-fail',
    };
    return {
      adapter: fake.adapter as ChatAdapter,
      channelId: 'C1',
      messageCount: () => fake.inChannel('C1').length,
      postRequests: () => fake.calls.filter((c) => c.method === 'post' || c.method === 'reply').length,
      deleteMessage: (ref) => fake.deleteMessage(ref.messageId),
      failNextPost: (failure) => {
        const script = scripts[failure];
        if (script) fake.failNext({ method: 'post' }, script);
        return script !== undefined;
      },
      failNextLookup: () => fake.failNext({ method: 'find' }, { reason: 'transient' }),
      edits: true,
      close: async () => {},
    };
  });
}

function slackFailure(fake: FakeSlackApi, method: string, failure: WireFailure): boolean {
  if (failure === 'global-rate-limited') return false;
  if (failure === 'rate-limited') fake.failNext(method, { status: 429, retryAfterSec: 1 });
  else fake.failNext(method, { status: 500, afterLanding: failure === 'server-error-after-landing' });
  return true;
}

function discordFailure(fake: FakeDiscord, route: string, failure: WireFailure): boolean {
  if (failure === 'server-error' || failure === 'server-error-after-landing') {
    fake.failNext(route, { status: 500, afterLanding: failure === 'server-error-after-landing' });
  } else fake.failNext(route, { status: 429, retryAfterSec: 1, global: failure === 'global-rate-limited' });
  return true;
}

/** Other people's messages, newer than anything the test posted. */
function crowd(fake: FakeSlackApi, channel: string, n: number): void {
  const base = Date.now() / 1000 + 1;
  const others: SlackMessage[] = Array.from({ length: n }, (_, i) => ({ ts: (base + i / 1e6).toFixed(6), channel, text: `chatter ${i}`, user: 'U0OTHER', edits: [] }));
  fake.messages.set(channel, [...(fake.messages.get(channel) ?? []), ...others]);
}

function crowdDiscord(fake: FakeDiscord, channelId: string, n: number): void {
  const base = (BigInt(Date.now() + 1) - DISCORD_EPOCH) << 22n;
  const others: DiscordMessage[] = Array.from({ length: n }, (_, i) => ({
    id: String(base + BigInt(i)),
    channel_id: channelId,
    content: `chatter ${i}`,
    embeds: [],
    components: [],
    flags: 0,
    author_id: '1100000000000009999',
    created_at: Date.now(),
    edits: [],
  }));
  fake.messages.set(channelId, [...(fake.messages.get(channelId) ?? []), ...others]);
}
