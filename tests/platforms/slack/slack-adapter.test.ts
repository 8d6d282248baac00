// The real Bolt app and WebClient against the loopback fake Slack API (tests/fakes/slack-api.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCommandHandler } from '../../../src/commands/command-handler.js';
import type { CommandHandler } from '../../../src/commands/command-types.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions, type SlackPostOptions } from '../../../src/platforms/slack/slack-adapter.js';
import { storeFixture } from '../../builders/stores.js';
import type { Stores } from '../../../src/store/stores.js';
import type { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { createAlert, createArticle } from '../../builders/article.js';
import { createTestTopic } from '../../builders/topic.js';
import { buildSlashCommandBody, signSlackRequest, startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { captureLog } from './log-capture.js';

const TOKEN = 'xoxb-secret-bot-token';
const SECRET = 'signing-secret-0123';
const NOW = Date.parse('2025-12-13T10:00:00Z');

let fake: FakeSlackApi;
let stores: Stores;
const fixture = storeFixture();
let subscriptions: SubscriptionStore;
let logs: ReturnType<typeof captureLog>;
const cleanups: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  fake = await startFakeSlackApi({ token: TOKEN, users: [{ id: 'U0ADMIN', is_admin: true }, { id: 'U0MEMBER' }] });
  stores = await fixture.open();
  subscriptions = stores.subscriptions;
  logs = captureLog();
  cleanups.push(() => fake.close(), () => fixture.cleanup());
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  // Whatever happened, no secret reached a log line (Bolt's trace output included).
  for (const line of logs.raw) {
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(SECRET);
  }
});

const handler = (): CommandHandler =>
  createCommandHandler({
    subscriptions,
    topics: [createTestTopic()],
    feeds: [],
    feedStates: stores.feedState,
    recentAlerts: async () => [],
    postedSince: async () => [],
    lastCycleAt: () => undefined,
    limits: { maxSubscriptionsPerChannel: 10, maxKeywordLength: 80, maxKeywordsPerChannel: 10, maxKeywordsPerWorkspace: 200 },
    now: () => NOW,
  });

async function startAdapter(overrides: Partial<SlackAdapterOptions> = {}): Promise<SlackAdapter> {
  const adapter = createSlackAdapter({
    botToken: TOKEN,
    signingSecret: SECRET,
    apiUrl: fake.url,
    port: 0,
    managers: ['U0LISTED'],
    onCommand: handler(),
    log: logs.log,
    ...overrides,
  });
  await adapter.start();
  cleanups.push(() => adapter.stop());
  return adapter;
}

function slash(adapter: SlackAdapter, text: string, opts: { user?: string; secret?: string; ageSec?: number; responseUrl?: string } = {}) {
  const body = buildSlashCommandBody({ command: '/peacewatch', text, user_id: opts.user ?? 'U0ADMIN', channel_id: 'C0NEWS', ...(opts.responseUrl ? { response_url: opts.responseUrl } : {}) });
  const headers = signSlackRequest(opts.secret ?? SECRET, body, Math.floor(Date.now() / 1000) - (opts.ageSec ?? 0));
  return fetch(`http://127.0.0.1:${adapter.receiverPort}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const methods = () => fake.calls.map((c) => c.method);

describe('/peacewatch over HTTP', () => {
  it('answers a signed `help` with 200 and the help text, in the ack, ephemerally', async () => {
    const adapter = await startAdapter();
    expect(adapter.receiverPort).toBeGreaterThan(0);
    const res = await slash(adapter, 'help');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/peacewatch subscribe &lt;topic | "keyword"&gt; [min=0.6]');
  });

  it.each([
    ['a forged signature', { secret: 'not-the-secret' }],
    ['a timestamp older than five minutes', { ageSec: 6 * 60 }],
  ])('refuses %s with 401 and runs nothing', async (_name, opts) => {
    const seen: string[] = [];
    const adapter = await startAdapter({ onCommand: async (c) => (seen.push(c.name), { text: 'ran', isError: false }) });
    const res = await slash(adapter, 'help', opts);
    expect(res.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('lets a workspace admin subscribe, asking users.info once per user within the cache time', async () => {
    const adapter = await startAdapter();
    const res = await slash(adapter, 'subscribe ukraine-peace-talks');
    expect(await res.json()).toMatchObject({ text: expect.stringContaining('This channel now follows topic `ukraine-peace-talks`') });
    await slash(adapter, 'unsubscribe ukraine-peace-talks');
    expect(methods().filter((m) => m === 'users.info')).toHaveLength(1);
    expect(await subscriptions.list()).toEqual([]);
  });

  it('refuses a member who is neither admin nor listed manager', async () => {
    const adapter = await startAdapter();
    const res = await slash(adapter, 'subscribe ukraine-peace-talks', { user: 'U0MEMBER' });
    expect(await res.json()).toMatchObject({ text: expect.stringMatching(/^:warning: Only people who may manage this channel/u) });
    expect(await subscriptions.list()).toEqual([]);
  });

  it('lets a listed manager subscribe without asking users.info, and does not ask for read-only commands', async () => {
    const adapter = await startAdapter();
    await slash(adapter, 'subscribe "<!channel> ceasefire"', { user: 'U0LISTED' });
    const list = (await (await slash(adapter, 'list', { user: 'U0MEMBER' })).json()) as { text: string };
    expect(methods()).not.toContain('users.info');
    expect(await subscriptions.list()).toMatchObject([{ target: { kind: 'keyword', phrase: '<!channel> ceasefire' }, createdBy: 'U0LISTED' }]);
    expect(list.text).toContain('keyword `&lt;!channel&gt; ceasefire`');
    expect(list.text).not.toContain('<!channel>');
  });

  it('answers a typing mistake with the parser message as a warning', async () => {
    const adapter = await startAdapter();
    const body = (await (await slash(adapter, 'latest 99')).json()) as { text: string };
    expect(body.text).toBe(':warning: `latest` takes a number from 1 to 20, e.g. `latest 5`.');
  });

  it.each(['__proto__', 'constructor'])('answers `/peacewatch %s` as an unknown command', async (text) => {
    const adapter = await startAdapter();
    const res = await slash(adapter, text);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toMatch(/^:warning: Unknown command `/u);
  });

  it('acks at once and replies through response_url when the handler is slow', async () => {
    const received: unknown[] = [];
    const hook: Server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(raw));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => hook.close(resolve)));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const adapter = await startAdapter({ ackBudgetMs: 0, onCommand: async () => (await gate, { text: 'slow <!here>', isError: false }) });

    const res = await slash(adapter, 'status', { responseUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/respond` });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    release();
    await vi.waitFor(() => expect(received).toEqual([{ response_type: 'ephemeral', text: 'slow &lt;!here&gt;' }]));
  });

  it('replies with an apology when the handler throws, and logs it', async () => {
    const adapter = await startAdapter({ onCommand: async () => Promise.reject(new Error('store down')) });
    const body = (await (await slash(adapter, 'list')).json()) as { text: string };
    expect(body.text).toMatch(/^:warning: Something went wrong on our side/u);
    expect(logs.lines.some((l) => l.msg === 'slack: command failed' && l.err === 'store down')).toBe(true);
  });
});

describe('posting alerts', () => {
  const alert = createAlert({ article: createArticle({ title: 'Envoys meet <!channel> @everyone in Miami' }) });

  it('posts blocks with the escaped headline and the idempotency key as metadata', async () => {
    const adapter = await startAdapter();
    const outcome = await adapter.postAlert('C0NEWS', alert, { idempotencyKey: 'k-1' });
    expect(outcome).toEqual({ ok: true, ref: { platform: 'slack', channelId: 'C0NEWS', messageId: expect.stringMatching(/^\d+\.\d{6}$/u) } });
    const [message] = fake.messages.get('C0NEWS') ?? [];
    expect(message?.metadata).toEqual({ event_type: 'peacewatch_alert', event_payload: { key: 'k-1' } });
    expect(message?.text).toBe('Envoys meet &lt;!channel&gt; @\u200beveryone in Miami (Example News)');
    expect(JSON.stringify(message?.blocks)).toContain('|Envoys meet &lt;!channel&gt; @\u200beveryone in Miami>*');
    expect(JSON.stringify(message?.blocks)).not.toContain('<!channel>');
    expect(fake.calls.find((c) => c.method === 'chat.postMessage')?.body).toMatchObject({ unfurl_links: false });
  });

  it('sends a configured mention, and only that one', async () => {
    const adapter = await startAdapter();
    const mentioned: SlackPostOptions = { idempotencyKey: 'k-1', mention: '<!subteam^S0DESK>' };
    await adapter.postAlert('C0NEWS', alert, mentioned);
    expect(fake.messages.get('C0NEWS')?.[0]?.text).toMatch(/^<!subteam\^S0DESK> Envoys meet &lt;!channel&gt;/u);
  });

  it('replies in the thread of the root alert and edits the root with "also reported by"', async () => {
    const adapter = await startAdapter();
    const root = await adapter.postAlert('C0NEWS', alert, { idempotencyKey: 'k-root' });
    if (!root.ok) throw new Error(root.message);
    const later = createAlert({ article: createArticle({ id: 'r2', source: 'Le Monde', title: 'Les émissaires à Miami', url: 'https://lemonde.example/a', language: 'fr' }), kind: 'update', rootAlertId: alert.id });
    const reply = await adapter.replyToAlert(root.ref, later, { idempotencyKey: 'k-r2' });
    const edited = await adapter.updateAlert(root.ref, { ...alert, reportedBy: [...alert.reportedBy, { articleId: 'r2', source: 'Le Monde', url: 'https://lemonde.example/a' }] }, { idempotencyKey: 'k-r2' });

    expect(reply).toMatchObject({ ok: true });
    expect(edited).toEqual({ ok: true, ref: root.ref });
    const [first, second] = fake.messages.get('C0NEWS') ?? [];
    expect(second).toMatchObject({ thread_ts: root.ref.messageId, text: 'Also reported by Le Monde: Les émissaires à Miami' });
    expect(first?.edits).toHaveLength(1);
    expect(JSON.stringify(first?.blocks)).toContain('Also reported by <https://lemonde.example/a|Le Monde>');
  });

  it('posts a report as a new alert when the root message is gone', async () => {
    const adapter = await startAdapter();
    const outcome = await adapter.replyToAlert({ platform: 'slack', channelId: 'C0NEWS', messageId: '1.000001' }, alert, { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ ok: true });
    expect(fake.messages.get('C0NEWS')).toMatchObject([{ text: expect.stringMatching(/^Envoys meet/u) }]);
    expect(fake.messages.get('C0NEWS')?.[0]).not.toHaveProperty('thread_ts');
  });

  it.each([
    ['channel_not_found', { error: 'channel_not_found' }, { reason: 'gone', message: 'slack chat.postMessage: channel_not_found' }],
    ['is_archived', { error: 'is_archived' }, { reason: 'gone' }],
    ['not_in_channel', { error: 'not_in_channel' }, { reason: 'forbidden' }],
    ['invalid_blocks', { error: 'invalid_blocks' }, { reason: 'bad-payload' }],
    ['a 429', { status: 429 as const, retryAfterSec: 7 }, { reason: 'rate-limited', retryAfterMs: 7_000 }],
    ['a 500', { status: 500 as const }, { reason: 'transient' }],
  ])('maps %s to a delivery outcome without retrying or sleeping', async (_name, failure, expected) => {
    const adapter = await startAdapter();
    fake.failNext('chat.postMessage', failure);
    const started = Date.now();
    expect(await adapter.postAlert('C0NEWS', alert, { idempotencyKey: 'k' })).toMatchObject({ ok: false, ...expected });
    expect(methods().filter((m) => m === 'chat.postMessage')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('finds a posted alert by its key, and nothing for another key', async () => {
    const adapter = await startAdapter();
    const posted = await adapter.postAlert('C0NEWS', alert, { idempotencyKey: 'k-found' });
    await adapter.postAlert('C0NEWS', alert, { idempotencyKey: 'k-other' });
    if (!posted.ok) throw new Error(posted.message);
    expect(await adapter.findPosted!({ channelId: 'C0NEWS', idempotencyKey: 'k-found', sinceMs: Date.now() - 60_000 })).toEqual({ kind: 'found', ref: posted.ref });
    expect(await adapter.findPosted!({ channelId: 'C0NEWS', idempotencyKey: 'k-missing', sinceMs: Date.now() - 60_000 })).toEqual({ kind: 'absent' });
    expect(fake.calls.find((c) => c.method === 'conversations.history')?.body).toMatchObject({ include_all_metadata: 'true', channel: 'C0NEWS' });
  });
});

describe('start', () => {
  async function deadUrl(): Promise<string> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return `http://127.0.0.1:${port}/api/`;
  }

  it('does not throw when Slack is unreachable, warns once, and still answers slash commands', async () => {
    const adapter = await startAdapter({ apiUrl: await deadUrl(), authRetry: { baseMs: 60_000, maxMs: 60_000 } });
    expect(logs.lines.filter((l) => l.msg === 'slack: unreachable; retrying in the background')).toHaveLength(1);
    expect((await slash(adapter, 'help')).status).toBe(200);
    expect(await adapter.postAlert('C0NEWS', createAlert(), { idempotencyKey: 'k' })).toMatchObject({ ok: false, reason: 'transient' });
  });

  it('retries auth.test in the background until Slack answers', async () => {
    fake.failNext('auth.test', { status: 500, times: 2 });
    await startAdapter({ authRetry: { baseMs: 5, maxMs: 20 } });
    await vi.waitFor(() => expect(logs.lines.some((l) => l.msg === 'slack: connected after retrying')).toBe(true));
    expect(methods().filter((m) => m === 'auth.test')).toHaveLength(3);
    expect(logs.lines.filter((l) => l.level === 40 && String(l.msg).startsWith('slack: unreachable'))).toHaveLength(1);
  });

  it('logs a refused token as an error and does not retry it', async () => {
    await startAdapter({ botToken: 'xoxb-wrong-token', authRetry: { baseMs: 1, maxMs: 1 } });
    expect(logs.lines.some((l) => l.level === 50 && String(l.msg).includes('bot token was refused'))).toBe(true);
    expect(methods().filter((m) => m === 'auth.test')).toHaveLength(1);
  });

  it('posts alerts without a receiver when there is neither signing secret nor app token', async () => {
    const adapter = await startAdapter({ signingSecret: undefined });
    expect(adapter.receiverPort).toBeUndefined();
    expect(await adapter.postAlert('C0NEWS', createAlert(), { idempotencyKey: 'k' })).toMatchObject({ ok: true });
  });
});
