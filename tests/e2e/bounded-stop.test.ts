// Bounded runs and stops, with real processes: `once` ends at its time bound and on SIGTERM the
// way `start` does (the send in flight finishes, the backlog stays pending), `start` stops without
// draining its backlog, and the next run delivers the rest, each alert exactly once, thread
// replies included. The backlog: one story of 8 reports (a root and 7 thread replies) for each
// of two Slack channels, paced by peacewatch to Slack's 1 message per second per channel.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRss } from '../builders/rss.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slack-api.js';
import { eventually, spawnCli, type CliProcess } from './cli-process.js';
import { pendingEntries } from './outbox-harness.js';
import { createWorkDir, type WorkDir } from './work-dir.js';

const TOKEN = 'xoxb-e2e-bounded';
const CHANNELS = ['C0BOUND1', 'C0BOUND2'];
const REPORTS = 8;
const TOTAL = REPORTS * CHANNELS.length;
const OUTLETS = ['Reuters', 'AP', 'AFP', 'BBC', 'Kyiv Independent', 'Meduza', 'DW', 'Le Monde'];

let feed: FeedServer;
const cleanups: Array<() => Promise<unknown> | void> = [];

beforeAll(async () => {
  const now = Date.now();
  feed = await startFeedServer({
    '/wire.xml': {
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      body: buildRss(
        'Loopback Wire',
        OUTLETS.map((outlet, i) => ({
          guid: `talks-${i}`,
          title: `Witkoff and Dmitriev meet in Miami to discuss a ceasefire in Ukraine (${outlet})`,
          description: 'The US and Russian envoys met in Miami for talks on ending the war in Ukraine.',
          link: `https://wire.example/talks-${i}`,
          pubDate: new Date(now - (REPORTS - i) * 60_000).toUTCString(),
        })),
      ),
    },
  });
});
afterAll(async () => {
  await feed.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(delivery: string[] = []): Promise<{ slack: FakeSlackApi; work: WorkDir }> {
  const slack = await startFakeSlackApi({ token: TOKEN });
  const work = createWorkDir({
    prefix: 'pw-e2e-bounded-',
    feedUrl: feed.url('/wire.xml'),
    subscriptions: CHANNELS.map((c) => `slack:${c}`),
    extra: delivery.length > 0 ? ['delivery:', ...delivery.map((l) => `  ${l}`)] : [],
  });
  cleanups.push(() => slack.close(), () => work.remove());
  return { slack, work };
}

function run(command: 'once' | 'start', work: WorkDir, slack: FakeSlackApi): CliProcess {
  const proc = spawnCli([command, '--config', work.configPath], {
    cwd: work.dir,
    env: { SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: slack.url, LOG_LEVEL: 'info', OPS_PORT: 'off' },
  });
  cleanups.push(() => proc.stop('SIGKILL'));
  return proc;
}

/** Roots and thread replies per channel, and how many keys were posted more than once. */
function tally(slack: FakeSlackApi) {
  const counts = new Map<string, number>();
  let roots = 0;
  let replies = 0;
  for (const channel of CHANNELS) {
    for (const m of slack.messages.get(channel) ?? []) {
      const key = String((m.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (m.thread_ts === undefined) roots++;
      else replies++;
    }
  }
  return { posted: roots + replies, roots, replies, doubled: [...counts.values()].filter((n) => n > 1).length };
}

/** `once` runs until the outbox is empty (each run bounded); returns how many runs it took. */
async function finish(work: WorkDir, slack: FakeSlackApi): Promise<number> {
  for (let runs = 1; runs <= 10; runs++) {
    const { code } = await run('once', work, slack).exited;
    expect(code).toBe(0);
    if ((await pendingEntries(work)).length === 0) return runs;
  }
  throw new Error('the outbox did not drain in 10 runs');
}

const firstPost = (slack: FakeSlackApi) => eventually(() => (tally(slack).posted > 0 ? true : undefined), 'the first post', 30_000);

describe('bounded runs and stops (real processes, SQLite on disk, fake Slack)', () => {
  it('once ends at delivery.onceMaxSeconds with the rest pending; later runs deliver each alert once', async () => {
    const { slack, work } = await setUp(['onceMaxSeconds: 2']);
    const first = run('once', work, slack);
    const { code } = await first.exited;

    expect(code, first.stderr()).toBe(0);
    expect(first.logs().some((l) => l.msg?.startsWith('once: time bound reached'))).toBe(true);
    const afterFirst = tally(slack);
    expect(afterFirst.posted).toBeLessThan(TOTAL);
    expect((await pendingEntries(work)).length).toBe(TOTAL - afterFirst.posted);

    // The rest in one more run, given the time.
    writeFileSync(work.configPath, readFileSync(work.configPath, 'utf8').replace('onceMaxSeconds: 2', 'onceMaxSeconds: 120'));
    const runs = await finish(work, slack);
    const final = tally(slack);
    console.log(`once bounded at 2 s: first run posted ${afterFirst.posted}/${TOTAL}; ${runs} more runs; roots ${final.roots}, replies ${final.replies}, doubled ${final.doubled}`);
    expect(final).toEqual({ posted: TOTAL, roots: CHANNELS.length, replies: TOTAL - CHANNELS.length, doubled: 0 });
  }, 120_000);

  it('once on SIGTERM finishes the send in flight, leaves the rest pending and exits 0', async () => {
    const { slack, work } = await setUp();
    const first = run('once', work, slack);
    await firstPost(slack);
    const { code, signal } = await first.stop('SIGTERM');

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(first.logs().some((l) => l.msg?.startsWith('stopping: finishing the send in flight'))).toBe(true);
    const afterFirst = tally(slack);
    expect(afterFirst.posted).toBeLessThan(TOTAL);
    // Nothing was left in flight: the send under way was finished and recorded.
    expect((await pendingEntries(work)).filter((e) => e.inFlightSince !== undefined)).toEqual([]);

    await finish(work, slack);
    expect(tally(slack)).toEqual({ posted: TOTAL, roots: CHANNELS.length, replies: TOTAL - CHANNELS.length, doubled: 0 });
  }, 120_000);

  it('start on SIGTERM stops without draining its backlog; the next run delivers the rest once', async () => {
    const { slack, work } = await setUp();
    const app = run('start', work, slack);
    await firstPost(slack);
    const { code } = await app.stop('SIGTERM');

    expect(code, app.stderr()).toBe(0);
    expect(app.logs().some((l) => l.msg === 'stopped')).toBe(true);
    const afterStop = tally(slack);
    expect(afterStop.posted).toBeLessThan(TOTAL);
    expect((await pendingEntries(work)).length).toBe(TOTAL - afterStop.posted);

    await finish(work, slack);
    expect(tally(slack)).toEqual({ posted: TOTAL, roots: CHANNELS.length, replies: TOTAL - CHANNELS.length, doubled: 0 });
  }, 120_000);
});
