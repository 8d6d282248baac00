// After a send whose answer was lost (a 5xx after landing, a crash): delivery looks before it
// resends, where the message lives (a thread reply under its root), and an answer of "cannot
// tell" never licenses a resend. Run on the fake platform and on the real Slack and Discord
// adapters against the loopback fakes.
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../src/delivery/delivery-engine.js';
import type { ChatAdapter } from '../../src/platforms/chat-adapter.js';
import { createDiscordAdapter } from '../../src/platforms/discord/discord-adapter.js';
import { createSlackAdapter } from '../../src/platforms/slack/slack-adapter.js';
import type { Stores } from '../../src/store/stores.js';
import { storeFixture } from '../builders/stores.js';
import { DEFAULT_APPLICATION_ID, DEFAULT_CHANNEL_ID, startFakeDiscord } from '../fakes/discord-api.js';
import { startFakeSlackApi } from '../fakes/slack-api.js';
import { alertNo, captureLog, channel, createHarness, NOW } from './delivery-harness.js';
import { createFakePlatform } from './fake-platform.js';
import { createVirtualClock } from './virtual-clock.js';

const C1 = channel('slack', 'C1');
const story = { storyId: 's1' };
const reports = (n: number) => Array.from({ length: n }, (_, i) => ({ articleId: `a${i + 1}`, source: `S${i + 1}`, url: `https://news.example/${i + 1}` }));
const root = () => alertNo(1, { ...story, reportedBy: reports(1) });
const update = (i: number) => alertNo(i, { ...story, kind: 'update', rootAlertId: 'a1', reportedBy: reports(i) });

const fixture = storeFixture();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await fixture.cleanup();
});

describe('reconciling an ambiguous send on the fake platform', () => {
  it('finds a thread reply whose answer was lost under its root, and does not post it twice', async () => {
    const clock = createVirtualClock(NOW);
    const slack = createFakePlatform({ platform: 'slack', rateLimit: { messages: 1, perMs: 1_000 }, now: clock.now, dedup: 'find' });
    const { stores, drain } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    await stores.outbox.enqueue(root(), [C1], NOW);
    await drain();
    await stores.outbox.enqueue(update(2), [C1], NOW);
    slack.failNext({ method: 'reply' }, 'land-then-fail');
    await drain();

    const [posted, ...replies] = slack.inChannel('C1');
    expect(replies.map((m) => [m.alertId, m.parentId])).toEqual([['a2', posted!.id]]);
    expect(slack.calls.filter((c) => c.method === 'find').length).toBeGreaterThanOrEqual(1);
    expect(await stores.outbox.get('a2|slack:C1')).toMatchObject({ status: 'sent', postedAs: 'reply', ref: { messageId: replies[0]!.id } });
  });

  it('never resends while the platform cannot tell; looks again with backoff, then sets the entry aside loudly', async () => {
    const clock = createVirtualClock(NOW);
    const slack = createFakePlatform({ platform: 'slack', rateLimit: { messages: 1, perMs: 1_000 }, now: clock.now, dedup: 'find' });
    const { log, lines } = captureLog();
    const { stores, drain } = createHarness({ stores: await fixture.open(), clock, platforms: [slack], log, policy: { findPostedMaxTries: 4 } });
    await stores.outbox.enqueue(alertNo(0), [C1], NOW);
    await stores.outbox.enqueue(alertNo(1), [C1], NOW);
    slack.failNext({ method: 'post' }, 'land-then-fail');
    slack.failNext({ method: 'find' }, { reason: 'transient', message: 'conversations.history: HTTP 503' }, 10);

    await drain();

    expect(slack.calls.filter((c) => c.key === 'a0|slack:C1' && c.method === 'post')).toHaveLength(1);
    expect(slack.calls.filter((c) => c.key === 'a0|slack:C1' && c.method === 'find')).toHaveLength(3);
    expect(await stores.outbox.get('a0|slack:C1')).toMatchObject({ status: 'undeliverable', lastError: expect.stringMatching(/^not resent: cannot tell/u) });
    // The channel goes on with the rest.
    expect(slack.inChannel('C1').map((m) => m.alertId)).toEqual(['a0', 'a1']);
    expect(lines.filter((l) => l.level === 50 && l.msg.startsWith('delivery: not resent'))).toHaveLength(1);
  });

  it('posts an update as a new message when a user deleted the root', async () => {
    const clock = createVirtualClock(NOW);
    const slack = createFakePlatform({ platform: 'slack', rateLimit: { messages: 1, perMs: 1_000 }, now: clock.now, dedup: 'find' });
    const { stores, drain } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    await stores.outbox.enqueue(root(), [C1], NOW);
    await drain();
    slack.deleteMessage(slack.inChannel('C1')[0]!.id);
    await stores.outbox.enqueue(update(2), [C1], NOW);
    await drain();

    expect(slack.inChannel('C1').map((m) => [m.alertId, m.parentId])).toEqual([['a2', undefined]]);
    expect(await stores.outbox.get('a2|slack:C1')).toMatchObject({ status: 'sent' });
  });
});

/** The engine on a real store with real time and short backoffs, run until nothing is pending. */
async function deliverAll(adapter: ChatAdapter, stores: Stores) {
  const engine = createDeliveryEngine({
    outbox: stores.outbox,
    adapters: new Map([[adapter.platform, adapter]]),
    subscriptions: stores.subscriptions,
    now: Date.now,
    log: captureLog().log,
    policy: { retryBaseMs: 5, retryMaxMs: 20 },
  });
  return {
    stores,
    async drain() {
      for (let round = 0; round < 50 && (await stores.outbox.pendingCount()) > 0; round++) {
        await engine.deliverDue();
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await stores.outbox.pendingCount()).toBe(0);
    },
  };
}

describe('reconciling an ambiguous send through the real adapters', () => {
  it('Slack: a thread reply answered 500 after it landed is found under its root, not reposted', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-t' });
    const adapter = createSlackAdapter({ botToken: 'xoxb-t', apiUrl: fake.url, port: 0, managers: [], onCommand: async () => ({ text: '', isError: false }), log: captureLog().log });
    cleanups.push(() => fake.close(), () => adapter.stop());
    const { stores, drain } = await deliverAll(adapter, await fixture.open());
    const ch = channel('slack', 'C0NEWS');
    await stores.outbox.enqueue(root(), [ch], Date.now());
    await drain();
    await stores.outbox.enqueue(update(2), [ch], Date.now());
    fake.failNext('chat.postMessage', { status: 500, afterLanding: true });
    await drain();

    const messages = fake.messages.get('C0NEWS') ?? [];
    expect(messages.map((m) => m.thread_ts === undefined)).toEqual([true, false]);
    expect(fake.calls.some((c) => c.method === 'conversations.replies')).toBe(true);
  });

  it('Discord: a resend after the nonce window finds the landed message by its marker, not reposted', async () => {
    // No nonce window at all: only findPosted stands between a resend and a double.
    const fake = await startFakeDiscord({ token: 'bot-t', nonceWindowMs: 0 });
    const adapter = createDiscordAdapter({ token: 'bot-t', applicationId: DEFAULT_APPLICATION_ID, apiUrl: fake.restUrl, onCommand: async () => ({ text: '', isError: false }), topicChoices: () => [], log: captureLog().log });
    cleanups.push(() => fake.close(), () => adapter.stop());
    const { stores, drain } = await deliverAll(adapter, await fixture.open());
    const ch = channel('discord', DEFAULT_CHANNEL_ID);
    await stores.outbox.enqueue(root(), [ch], Date.now());
    fake.failNext('POST /channels/:id/messages', { status: 500, afterLanding: true });
    await drain();
    await stores.outbox.enqueue(update(2), [ch], Date.now());
    fake.failNext('POST /channels/:id/messages', { status: 500, afterLanding: true });
    await drain();

    expect(fake.messages.get(DEFAULT_CHANNEL_ID)).toHaveLength(2);
    expect(fake.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`).length).toBeGreaterThanOrEqual(2);
    expect(await stores.outbox.get(`a2|discord:${DEFAULT_CHANNEL_ID}`)).toMatchObject({ status: 'sent' });
  });
});
