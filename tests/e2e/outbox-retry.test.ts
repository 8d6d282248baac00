// Within one `peacewatch once` run, a transient Slack failure is retried before the run ends:
// the process exits 0 with every alert posted once and nothing left in the outbox.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../fakes/feed-server.js';
import { createOutboxHarness, expectEachAlertOnce, isDeliveryFailure, pendingEntries, startWireFeed } from './outbox-harness.js';

let feed: FeedServer;
const harness = createOutboxHarness(() => feed);

beforeAll(async () => {
  feed = await startWireFeed();
});
afterAll(async () => {
  await feed.close();
});
afterEach(harness.cleanup);

describe('a transient failure inside one run (real process, fake Slack)', () => {
  it('a 500 is retried in the same run: exit 0, each alert posted once, the outbox empty', async () => {
    const { slack, work } = await harness.setUp();
    slack.failNext('chat.postMessage', { status: 500, times: 1 });
    const run = await harness.runOnce(work, slack.url);
    expect(run.logs().some(isDeliveryFailure)).toBe(true);
    expect(run.stdout()).toMatch(/alerted 2 · delivered 2/u);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(3);
    expectEachAlertOnce(slack);
    expect(await pendingEntries(work)).toEqual([]);
  }, 45_000);
});
