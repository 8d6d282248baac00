// Nothing lost, nothing doubled: `peacewatch once` as a real process, the SQLite outbox on
// disk, the fake Slack API failing, and the process dying mid-outage and starting again.
//
// `once` retries a transient failure inside its own run (waits up to 10 s are slept inline, see
// delivery/retry-policy.ts and the last test here), so a first run that must end with the
// alerts still pending is killed right after the failure was written down: a crash during an
// outage, the hard case for an outbox.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../fakes/feed-server.js';
import { startLossyProxy } from './lossy-proxy.js';
import {
  CHANNEL,
  createOutboxHarness,
  expectEachAlertOnce,
  isDeliveryFailure,
  pendingEntries,
  postCalls,
  startOutboxFeed,
} from './outbox-harness.js';

let feed: FeedServer;
const harness = createOutboxHarness(() => feed);

beforeAll(async () => {
  feed = await startOutboxFeed();
});
afterAll(async () => {
  await feed.close();
});
afterEach(harness.cleanup);

describe('the outbox across an outage and a restart (real process, SQLite on disk, fake Slack)', () => {
  it('a crash during an outage keeps both alerts pending; the next run delivers each once; a third posts nothing', async () => {
    const { slack, work } = await harness.setUp();
    slack.failNext('chat.postMessage', { status: 500, times: 1 });

    // Run 1: the post fails with a 500, the failure is written down, the process dies before its retry.
    const first = harness.once(work, slack.url);
    await first.waitForLog(isDeliveryFailure);
    await first.stop('SIGKILL');
    expect(slack.messages.get(CHANNEL) ?? []).toHaveLength(0);
    const pending = await pendingEntries(work);
    expect(pending).toHaveLength(2);
    expect(pending[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'slack chat.postMessage: HTTP 500' });
    // A 5xx may have landed: the entry stays in flight, so the next run looks before it resends.
    expect(pending[0]!.inFlightSince).toBeTypeOf('number');
    expect(pending[1]).toMatchObject({ status: 'pending', attempts: 0 });

    // Run 2: Slack is healthy again. The feed has nothing new; the outbox alone drives delivery.
    const run2Calls = slack.calls.length;
    const second = await harness.runOnce(work, slack.url);
    expect(second.stdout()).toMatch(/alerted 0 · delivered 2/u);
    expectEachAlertOnce(slack);
    // It looked for the in-flight alert (Slack message metadata) before posting it again.
    const methods = slack.calls.slice(run2Calls).map((c) => c.method);
    expect(methods.indexOf('conversations.history')).toBeGreaterThanOrEqual(0);
    expect(methods.indexOf('conversations.history')).toBeLessThan(methods.indexOf('chat.postMessage'));
    expect(methods.filter((m) => m === 'chat.postMessage')).toHaveLength(2);
    expect(await pendingEntries(work)).toEqual([]);

    // Run 3: nothing new, nothing pending, nothing posted.
    const before = postCalls(slack);
    const third = await harness.runOnce(work, slack.url);
    expect(third.stdout()).toMatch(/alerted 0 · delivered 0/u);
    expect(postCalls(slack)).toBe(before);
    expectEachAlertOnce(slack);
  }, 45_000);

  it('a post that landed but whose answer was lost (500) is found after the restart, not posted again', async () => {
    const { slack, work } = await harness.setUp();
    let losing = true;
    const proxy = await startLossyProxy(slack.url, (path) => losing && path.includes('chat.postMessage'));
    harness.defer(() => proxy.close());

    const first = harness.once(work, proxy.url);
    await first.waitForLog(isDeliveryFailure);
    await first.stop('SIGKILL');
    losing = false;
    expect(proxy.lost).toBe(1);
    // Slack has it; peacewatch believes it failed.
    expect(slack.messages.get(CHANNEL)).toHaveLength(1);
    expect(await pendingEntries(work)).toHaveLength(2);

    const second = await harness.runOnce(work, proxy.url);
    expect(second.logs().some((l) => l.msg === 'delivery: found after a crash; not resent')).toBe(true);
    expect(second.stdout()).toMatch(/alerted 0 · delivered 2/u);
    expectEachAlertOnce(slack);
    expect(await pendingEntries(work)).toEqual([]);
  }, 45_000);
});

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
