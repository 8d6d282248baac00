// Proves the fake Slack API against the real @slack/web-api WebClient and a real Bolt App,
// so adapter tests built on it exercise the real client's wire behaviour.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import { buildSlashCommandBody, signSlackRequest, startFakeSlackApi } from '../fakes/slack-api.js';
import type { FakeSlackApi } from '../fakes/slack-api.js';

const { WebClient, ErrorCode, WebClientEvent, LogLevel } = webApi;
const TOKEN = 'xoxb-test-token';

let fake: FakeSlackApi;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(opts: Parameters<typeof startFakeSlackApi>[0] = {}): Promise<FakeSlackApi> {
  fake = await startFakeSlackApi({ token: TOKEN, ...opts });
  cleanups.push(() => fake.close());
  return fake;
}

function client(extra: ConstructorParameters<typeof WebClient>[1] = {}): InstanceType<typeof WebClient> {
  return new WebClient(TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, ...extra });
}

describe('fake Slack Web API with the real WebClient', () => {
  it('answers auth.test and records the form-encoded call with its bearer token', async () => {
    await start();
    const res = await client().auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0PEACE', user_id: 'U0BOT' });
    expect(fake.calls[0]?.method).toBe('auth.test');
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.calls[0]?.headers['content-type']).toContain('application/x-www-form-urlencoded');
  });

  it('rejects a wrong token with invalid_auth', async () => {
    await start();
    const wrong = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    await expect(wrong.auth.test()).rejects.toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'invalid_auth' } });
  });

  it('posts, replies in a thread and updates, keeping ts unique and increasing', async () => {
    let t = 1_733_999_999_000;
    await start({ now: () => t });
    const web = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Geneva talks*' } }];
    const metadata = { event_type: 'peacewatch_alert', event_payload: { key: 'story-1' } };
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'Geneva talks', blocks, metadata });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'also reported by Reuters', thread_ts: parent.ts! });
    t += 5_000;
    const edited = await web.chat.update({ channel: 'C1', ts: parent.ts!, text: 'Geneva talks (2 sources)' });

    expect(parent.ts).toBe('1733999999.000000');
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    expect(edited).toMatchObject({ ok: true, ts: parent.ts, text: 'Geneva talks (2 sources)' });
    const [first, second] = fake.messages.get('C1') ?? [];
    expect(first).toMatchObject({ text: 'Geneva talks (2 sources)', blocks, metadata, edits: [{ text: 'Geneva talks (2 sources)', at: t }] });
    expect(second).toMatchObject({ thread_ts: parent.ts, text: 'also reported by Reuters' });
  });

  it('lists recent top-level messages with metadata for reconciliation', async () => {
    await start();
    const web = client();
    const metadata = { event_type: 'peacewatch_alert', event_payload: { key: 'k1' } };
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'one', metadata });
    await web.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: posted.ts! });
    await web.chat.postMessage({ channel: 'C1', text: 'two' });

    const plain = await web.conversations.history({ channel: 'C1', limit: 10 });
    const withMeta = await web.conversations.history({ channel: 'C1', limit: 10, include_all_metadata: true });
    expect(plain.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(plain.messages?.[1]).not.toHaveProperty('metadata');
    expect(withMeta.messages?.[1]).toMatchObject({ text: 'one', metadata, reply_count: 1 });
  });

  it.each([
    ['an unknown channel', 'C404', 'channel_not_found'],
    ['a channel the bot left', 'CLEFT', 'not_in_channel'],
    ['an archived channel', 'COLD', 'is_archived'],
  ])('surfaces posting to %s as a WebAPIPlatformError', async (_name, channel, error) => {
    await start({ channels: [{ id: 'CLEFT', name: 'left', is_member: false }, { id: 'COLD', name: 'old', is_archived: true }] });
    const err = await client().chat.postMessage({ channel, text: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.PlatformError, data: { ok: false, error } });
  });

  it('fails the next call once with a chosen error, then recovers', async () => {
    await start();
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const web = client();
    await expect(web.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    await expect(web.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers 429 with Retry-After, which the WebClient waits on and retries', async () => {
    await start();
    fake.failNext('chat.postMessage', { status: 429, retryAfterSec: 1 });
    const web = client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 }, rejectRateLimitedCalls: false });
    const limited: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (sec: number) => limited.push(sec));

    const res = await web.chat.postMessage({ channel: 'C1', text: 'x' });
    expect(res.ok).toBe(true);
    expect(limited).toEqual([1]);
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('rate-limits a channel past one post per second and rejects when told to', async () => {
    let t = 1_000_000;
    await start({ now: () => t });
    fake.setRateLimit({ perChannelPerSec: 1 });
    const web = client({ rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: 'C1', text: 'a' });
    await expect(web.chat.postMessage({ channel: 'C1', text: 'b' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    await expect(web.chat.postMessage({ channel: 'C2', text: 'other channel' })).resolves.toMatchObject({ ok: true });
    t += 1_001;
    await expect(web.chat.postMessage({ channel: 'C1', text: 'c' })).resolves.toMatchObject({ ok: true });
  });

  it('answers users.info, team.info, conversations.info, postEphemeral and unknown methods', async () => {
    await start({ users: [{ id: 'U1', is_admin: true }] });
    const web = client();
    await expect(web.users.info({ user: 'U1' })).resolves.toMatchObject({ user: { id: 'U1', is_admin: true, is_owner: false } });
    await expect(web.users.info({ user: 'U2' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(web.team.info()).resolves.toMatchObject({ team: { id: 'T0PEACE' } });
    await expect(web.conversations.info({ channel: 'C1' })).resolves.toMatchObject({ channel: { id: 'C1', is_member: true } });
    await expect(web.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' })).resolves.toMatchObject({ ok: true });
    expect(fake.ephemerals).toMatchObject([{ channel: 'C1', user: 'U1', text: 'only you' }]);
    await expect(web.apiCall('bogus.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('accepts JSON bodies with a bearer token', async () => {
    await start();
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C9', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C9' });
    expect(fake.messages.get('C9')?.[0]).toMatchObject({ text: 'json', blocks: [{ type: 'divider' }] });
  });
});

describe('fake Slack Web API with a real Bolt App', () => {
  const SECRET = 'signing-secret';

  async function startBolt(): Promise<{ url: string; app: App }> {
    await start();
    const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    const app = new App({ token: TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } } });
    app.command('/peacewatch', async ({ ack, command }) => {
      await ack({ response_type: 'ephemeral', text: `subscribed to ${command.text}` });
    });
    // HTTPReceiver.requestListener lets the test own the port (listen on 0).
    const server: Server = createServer((req, res) => receiver.requestListener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, app };
  }

  function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  it('verifies its token with auth.test against the fake and uses the fake client', async () => {
    const { app } = await startBolt();
    await app.client.chat.postMessage({ channel: 'C1', text: 'from bolt' });
    // Bolt calls auth.test from its constructor (tokenVerificationEnabled defaults to true).
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['auth.test', 'chat.postMessage']);
  });

  it('acks a correctly signed slash command with its text', async () => {
    const { url } = await startBolt();
    const body = buildSlashCommandBody({ command: '/peacewatch', text: 'geneva' });
    const res = await post(url, body, signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ text: 'subscribed to geneva' });
  });

  it.each([
    ['a forged signature', 'wrong-secret', 0],
    ['a timestamp older than five minutes', SECRET, 6 * 60],
  ])('rejects %s with 401', async (_name, secret, ageSec) => {
    const { url } = await startBolt();
    const body = buildSlashCommandBody({ command: '/peacewatch', text: 'geneva' });
    const res = await post(url, body, signSlackRequest(secret, body, Math.floor(Date.now() / 1000) - ageSec));
    expect(res.status).toBe(401);
  });
});
