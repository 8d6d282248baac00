// Shared by the outbox end-to-end tests: a loopback feed with two relevant items and a decoy,
// `peacewatch once` against the fake Slack API, and a look at the SQLite outbox on disk.
import { expect } from 'vitest';
import type { OutboxEntry } from '../../src/store/outbox-store.js';
import { openStores } from '../../src/store/stores.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackMessage } from '../fakes/slack-api.js';
import { spawnCli, type CliProcess } from './cli-process.js';
import { createWorkDir, type WorkDir } from './work-dir.js';
import { DECOY_TITLE as DECOY, RELEVANT_TITLE, startWireFeed, WIRE_PATH } from './wire-feed.js';

export const TOKEN = 'xoxb-e2e-outbox-token';
export const CHANNEL = 'C0123ABC';
export const TITLES = [RELEVANT_TITLE, 'Umerov and Kushner discuss security guarantees for Ukraine in Berlin'];
/** The outbox tests' feed: two relevant items and the decoy. */
export const startOutboxFeed = (): Promise<FeedServer> => startWireFeed(TITLES[1]!);


/** Fresh fake Slack and working directory per test; everything started is stopped by `cleanup()`. */
export function createOutboxHarness(feed: () => FeedServer) {
  const cleanups: Array<() => Promise<unknown> | void> = [];

  async function setUp(): Promise<{ slack: FakeSlackApi; work: WorkDir }> {
    const slack = await startFakeSlackApi({ token: TOKEN });
    const work = createWorkDir({ prefix: 'pw-e2e-outbox-', feedUrl: feed().url(WIRE_PATH), subscriptions: [`slack:${CHANNEL}`] });
    cleanups.push(() => slack.close(), () => work.remove());
    return { slack, work };
  }

  function once(work: WorkDir, apiUrl: string): CliProcess {
    const proc = spawnCli(['once', '--config', work.configPath], {
      cwd: work.dir,
      env: { SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apiUrl, LOG_LEVEL: 'info' },
    });
    cleanups.push(() => proc.stop('SIGKILL'));
    return proc;
  }

  /** Runs `once` to its end; it must exit 0. */
  async function runOnce(work: WorkDir, apiUrl: string): Promise<CliProcess> {
    const proc = once(work, apiUrl);
    const { code } = await proc.exited;
    expect(code, proc.stderr()).toBe(0);
    return proc;
  }

  return {
    setUp,
    once,
    runOnce,
    defer: (fn: () => Promise<unknown> | void) => cleanups.push(fn),
    cleanup: async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
    },
  };
}

/** Pending outbox entries in enqueue order, as the next process will find them on disk. */
export async function pendingEntries(work: WorkDir): Promise<OutboxEntry[]> {
  const stores = await openStores('sqlite://state/peacewatch.sqlite', { cwd: work.dir, dedupTtlMs: 30 * 86_400_000 });
  try {
    return await stores.outbox.due(Number.POSITIVE_INFINITY);
  } finally {
    await stores.db.close();
  }
}

/** Messages in the channel by outbox key (the key travels as Slack message metadata). */
export function postsByKey(slack: FakeSlackApi): Map<string, SlackMessage[]> {
  const byKey = new Map<string, SlackMessage[]>();
  for (const m of slack.messages.get(CHANNEL) ?? []) {
    const key = String((m.metadata as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  return byKey;
}

/** Both relevant items are in the channel exactly once each; the decoy is not. */
export function expectEachAlertOnce(slack: FakeSlackApi): void {
  const byKey = postsByKey(slack);
  expect([...byKey.values()].map((ms) => ms.length)).toEqual([1, 1]);
  const texts = [...byKey.values()].map((ms) => ms[0]!.text ?? '');
  for (const title of TITLES) expect(texts.filter((t) => t.includes(title))).toHaveLength(1);
  expect(texts.join('\n')).not.toContain(DECOY);
}

export const postCalls = (slack: FakeSlackApi) => slack.calls.filter((c) => c.method === 'chat.postMessage').length;

/** The warning delivery logs once the failed attempt is written to the outbox. */
export const isDeliveryFailure = (l: { msg?: string }) => /^delivery: slack chat\.postMessage: HTTP 500/u.test(l.msg ?? '');
