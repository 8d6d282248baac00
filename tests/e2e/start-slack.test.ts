// `peacewatch start` as a real process against the fake Slack Web API and a loopback feed:
// alerts reach the channel, /peacewatch answers signed requests only, SIGTERM stops it cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../fakes/feed-server.js';
import { buildSlashCommandBody, signSlackRequest, startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { eventually, freePort, spawnCli, type CliProcess } from './cli-process.js';
import { RELEVANT_TITLE as RELEVANT, startWireFeed, WIRE_PATH } from './wire-feed.js';
import { createWorkDir, type WorkDir } from './work-dir.js';

const TOKEN = 'xoxb-e2e-bot-token';
const SECRET = 'e2e-signing-secret-42';
const CHANNEL = 'C0123ABC';
// Double-escaped in the feed (as many publishers do), so the title itself carries `<!channel>`.
const HOSTILE = 'Umerov &lt;!channel&gt; tells @everyone security guarantees were agreed with Kushner in Berlin';

let feeds: FeedServer;
let slack: FakeSlackApi;
let work: WorkDir;
let app: CliProcess;
let port: number;

beforeAll(async () => {
  feeds = await startWireFeed(HOSTILE);
  slack = await startFakeSlackApi({ token: TOKEN });
  work = createWorkDir({ prefix: 'pw-e2e-slack-', feedUrl: feeds.url(WIRE_PATH), subscriptions: [`slack:${CHANNEL}`] });
  port = await freePort();
  app = spawnCli(['start', '--config', work.configPath], {
    cwd: work.dir,
    env: { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url, PORT: String(port), LOG_LEVEL: 'info' },
  });
  await app.waitForLog((l) => l.msg === 'slack: listening for slash commands', 25_000);
}, 30_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await slack?.close();
  await feeds?.close();
  work?.remove();
});

const posted = () => (slack.messages.get(CHANNEL) ?? []).filter((m) => m.thread_ts === undefined);
const wireText = () =>
  (slack.messages.get(CHANNEL) ?? []).map((m) => JSON.stringify([m.text, m.blocks, m.edits])).join('\n');

function postCommand(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

describe('peacewatch start with Slack (real process, fake Slack API)', () => {
  it('posts the relevant items to the subscribed channel as Block Kit messages, and not the decoy', async () => {
    await eventually(() => (posted().length >= 2 ? true : undefined), 'two alerts in the channel');
    const relevant = posted().find((m) => m.text?.includes('Witkoff and Dmitriev'));
    expect(relevant).toBeDefined();
    expect(relevant!.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'section' })]));
    expect(JSON.stringify(relevant!.blocks)).toContain('https://wire.example/talks-1');
    // The outbox key travels as message metadata, which is what crash recovery looks for.
    expect(relevant!.metadata).toMatchObject({ event_type: 'peacewatch_alert' });
    expect(wireText()).not.toContain('Markets close higher');
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.every((c) => c.body.channel === CHANNEL)).toBe(true);
    expect(posts.every((c) => c.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('escapes a headline carrying <!channel> and @everyone so nobody is pinged', async () => {
    const hostile = await eventually(() => posted().find((m) => m.text?.includes('Umerov')), 'the hostile headline');
    const all = JSON.stringify([hostile.text, hostile.blocks]);
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toMatch(/@everyone/u);
    expect(all).toContain('@\u200beveryone');
    expect(wireText()).not.toContain('<!channel>');
  });

  it('answers a correctly signed /peacewatch help in the ack, ephemerally', async () => {
    const body = buildSlashCommandBody({ command: '/peacewatch', text: 'help', channel_id: CHANNEL, user_id: 'U0MEMBER' });
    const res = await postCommand(body, signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)));
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { response_type?: string; text?: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('/peacewatch subscribe');
    expect(reply.text).toContain('/peacewatch latest');
  });

  it.each([
    ['a forged signature', (body: string) => signSlackRequest('not-the-secret', body, Math.floor(Date.now() / 1000))],
    ['a timestamp six minutes old', (body: string) => signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60)],
  ])('refuses %s with 401 and runs no command', async (_name, sign) => {
    const before = slack.calls.length;
    const body = buildSlashCommandBody({ command: '/peacewatch', text: 'help', channel_id: CHANNEL });
    const res = await postCommand(body, sign(body));
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('/peacewatch subscribe');
    expect(slack.calls.length).toBe(before);
  });

  it('stops on SIGTERM with exit code 0, having logged no secret', async () => {
    const { code } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(app.logs().some((l) => l.msg === 'stopped')).toBe(true);
    expect(app.stderr()).not.toContain(TOKEN);
    expect(app.stderr()).not.toContain(SECRET);
    // Each relevant item went out once.
    expect(posted().filter((m) => m.text?.includes('Witkoff and Dmitriev'))).toHaveLength(1);
  });
});
