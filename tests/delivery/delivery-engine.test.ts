import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryFailure } from '../../src/platforms/chat-adapter.js';
import { storeFixture } from '../builders/stores.js';
import { alertNo, captureLog, channel, createHarness, NOW } from './delivery-harness.js';
import { createFakePlatform, type ScriptedAnswer } from './fake-platform.js';
import { createVirtualClock } from './virtual-clock.js';

const C1 = channel('slack', 'C1');
const C2 = channel('slack', 'C2');
const D1 = channel('discord', 'D1');
const D2 = channel('discord', 'D2');
const topic = (topicId: string) => ({ kind: 'topic', topicId }) as const;

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

function slackLike(clock: { now(): number }, dedup: 'find' | 'nonce' | 'none' = 'find', enforce = false) {
  const limit = { messages: 1, perMs: 1_000 };
  return createFakePlatform({ platform: 'slack', rateLimit: limit, now: clock.now, dedup, ...(enforce ? { enforce: { perChannel: limit } } : {}) });
}

function discordLike(clock: { now(): number }, enforce = false) {
  const limit = { messages: 5, perMs: 5_000 };
  return createFakePlatform({
    platform: 'discord',
    rateLimit: limit,
    now: clock.now,
    dedup: 'nonce',
    ...(enforce ? { enforce: { perChannel: limit, global: { messages: 50, perMs: 1_000 } } } : {}),
  });
}

const alertIds = (messages: Array<{ alertId: string }>) => messages.map((m) => m.alertId);
const range = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);

describe('delivery engine', () => {
  it('keeps each channel in order and paces to the platform limits without a single 429', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock, 'find', true);
    const discord = discordLike(clock, true);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack, discord] });
    for (let i = 0; i < 12; i++) await stores.outbox.enqueue(alertNo(i), [C1, D1, C2], NOW);

    const report = await engine.deliverDue();

    expect(report).toEqual({ sent: 36, retrying: 0, undeliverable: 0 });
    for (const [platform, id] of [[slack, 'C1'], [slack, 'C2'], [discord, 'D1']] as const) {
      expect(alertIds(platform.inChannel(id))).toEqual(range(12));
    }
    expect(slack.stats.refusedForRate + discord.stats.refusedForRate).toBe(0);
    const gaps = slack.inChannel('C1').slice(1).map((m, i) => m.at - slack.inChannel('C1')[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_000);
  });

  it('honours a 429’s Retry-After: no failure counted, nothing sent twice, order kept', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    await stores.outbox.enqueue(alertNo(0), [C1], NOW);
    await stores.outbox.enqueue(alertNo(1), [C1], NOW);
    slack.failNext({ method: 'post' }, { reason: 'rate-limited', retryAfterMs: 3_000 });

    const report = await engine.deliverDue();

    expect(report).toEqual({ sent: 2, retrying: 0, undeliverable: 0 });
    expect(alertIds(slack.inChannel('C1'))).toEqual(['a0', 'a1']);
    expect(slack.inChannel('C1')[0]!.at).toBeGreaterThanOrEqual(NOW + 3_000);
    expect([...slack.countByKey().values()]).toEqual([1, 1]);
    expect(await stores.outbox.get('a0|slack:C1')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('holds every channel of a platform after a global 429', async () => {
    const clock = createVirtualClock(NOW);
    const discord = discordLike(clock);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [discord] });
    for (let i = 0; i < 3; i++) await stores.outbox.enqueue(alertNo(i), [D1, D2], NOW);
    discord.failNext({ method: 'post', channelId: 'D1' }, { reason: 'rate-limited', retryAfterMs: 2_000, global: true });

    await engine.deliverDue();

    expect(discord.messages).toHaveLength(6);
    // D2's first post may have left together with D1's refused one; nothing after it.
    expect(discord.messages.filter((m) => m.at < NOW + 2_000).length).toBeLessThanOrEqual(1);
  });

  it.each(['find', 'nonce'] as const)(
    'delivers every alert exactly once and in order after an outage, even one whose answer was lost (dedup: %s)',
    async (dedup) => {
      const clock = createVirtualClock(NOW);
      const slack = slackLike(clock, dedup);
      const { stores, drain } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
      for (let i = 0; i < 5; i++) await stores.outbox.enqueue(alertNo(i), [C1, C2], NOW);
      slack.failNext({ channelId: 'C1' }, { reason: 'transient', message: 'HTTP 503' }, 6);
      slack.failNext({ channelId: 'C1' }, 'land-then-fail');

      await drain();

      expect(alertIds(slack.inChannel('C1'))).toEqual(range(5));
      expect(alertIds(slack.inChannel('C2'))).toEqual(range(5));
      expect([...slack.countByKey().values()].every((n) => n === 1)).toBe(true);
      expect(await stores.outbox.pendingCount()).toBe(0);
      expect(slack.calls.filter((c) => c.channelId === 'C1' && c.answer === 'transient')).toHaveLength(7);
    },
  );

  it.each([
    { dedup: 'find' as const, how: 'finds the landed message and does not resend', postsOfFirst: 1 },
    { dedup: 'nonce' as const, how: 'resends once with the same key, which the platform drops', postsOfFirst: 2 },
  ])('after a kill between send and record, a new engine on the same SQLite file $how', async ({ dedup, postsOfFirst }) => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock, dedup);

    const stores1 = await fixture.open();
    const first = createHarness({ stores: stores1, clock, platforms: [slack] });
    await first.stores.outbox.enqueue(alertNo(0), [C1], NOW);
    await first.stores.outbox.enqueue(alertNo(1), [C1], NOW);
    slack.failNext({ method: 'post' }, 'land-then-hang');
    void first.engine.deliverDue();
    await slack.waitForMessages(1);
    await stores1.db.close(); // the process is gone; its worker never hears back

    const stores2 = await fixture.reopen(stores1.url);
    clock.advance(30_000);
    const second = createHarness({ stores: stores2, clock, platforms: [slack] });
    expect((await second.stores.outbox.get('a0|slack:C1'))?.inFlightSince).toBe(NOW);
    await second.engine.deliverDue();

    expect(alertIds(slack.inChannel('C1'))).toEqual(['a0', 'a1']);
    expect([...slack.countByKey().values()]).toEqual([1, 1]);
    expect(slack.calls.filter((c) => c.key === 'a0|slack:C1' && c.method === 'post')).toHaveLength(postsOfFirst);
    const recovered = await second.stores.outbox.get('a0|slack:C1');
    expect(recovered).toMatchObject({ status: 'sent', ref: { messageId: slack.inChannel('C1')[0]!.id } });
    expect(recovered?.inFlightSince).toBeUndefined();
  });

  it.each(['gone', 'forbidden'] as const satisfies readonly DeliveryFailure[])(
    'on %s drops the channel’s queue and pauses its subscriptions with one log line',
    async (reason) => {
      const clock = createVirtualClock(NOW);
      const slack = slackLike(clock);
      const { log, lines } = captureLog();
      const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack], log });
      for (const [ch, t] of [[C1, 'a'], [C1, 'b'], [C2, 'a']] as const) {
        await stores.subscriptions.upsert({ channel: ch, target: topic(t), createdAt: NOW });
      }
      for (let i = 0; i < 3; i++) await stores.outbox.enqueue(alertNo(i), [C1, C2], NOW);
      slack.failNext({ channelId: 'C1' }, { reason, message: 'channel_not_found' });

      const report = await engine.deliverDue();

      expect(report).toMatchObject({ sent: 3, undeliverable: 3 });
      expect(slack.calls.filter((c) => c.channelId === 'C1')).toHaveLength(1);
      expect(alertIds(slack.inChannel('C2'))).toEqual(range(3));
      const subs = await stores.subscriptions.list();
      expect(subs.filter((s) => s.paused).map((s) => [s.channel.id, s.pausedReason])).toEqual([
        ['C1', `${reason}: channel_not_found`],
        ['C1', `${reason}: channel_not_found`],
      ]);
      for (const id of range(3)) expect((await stores.outbox.get(`${id}|slack:C1`))?.status).toBe('undeliverable');
      expect(lines.filter((l) => l.msg.includes('subscriptions paused'))).toHaveLength(1);
    },
  );

  it('marks a bad payload undeliverable and carries on with the channel, unpaused', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    await stores.subscriptions.upsert({ channel: C1, target: topic('a'), createdAt: NOW });
    for (let i = 0; i < 3; i++) await stores.outbox.enqueue(alertNo(i), [C1], NOW);
    slack.failNext({ channelId: 'C1' }, { reason: 'bad-payload', message: 'invalid_blocks' });

    expect(await engine.deliverDue()).toEqual({ sent: 2, retrying: 0, undeliverable: 1 });
    expect(alertIds(slack.inChannel('C1'))).toEqual(['a1', 'a2']);
    expect((await stores.subscriptions.list())[0]?.paused).toBeUndefined();
  });

  it('does not let a stuck channel delay another', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    for (let i = 0; i < 3; i++) await stores.outbox.enqueue(alertNo(i), [C1, C2], NOW);
    const stuck = slack.hold('C1');

    const round = engine.deliverDue();
    await slack.waitForMessages(3);
    expect(alertIds(slack.inChannel('C2'))).toEqual(range(3));
    expect(slack.inChannel('C1')).toEqual([]);

    stuck.release();
    expect(await round).toEqual({ sent: 6, retrying: 0, undeliverable: 0 });
    expect(alertIds(slack.inChannel('C1'))).toEqual(range(3));
  });

  it('joins a channel already being worked instead of sending its entries twice', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock, 'none');
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    for (let i = 0; i < 4; i++) await stores.outbox.enqueue(alertNo(i), [C1], NOW);
    const reports = await Promise.all([engine.deliverDue(), engine.deliverDue(), engine.deliverDue()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(alertIds(slack.inChannel('C1'))).toEqual(range(4));
  });

  it('threads an update under the root and edits the root; posts it where the root never went', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock);
    const { stores, drain } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    const reports = (n: number) => Array.from({ length: n }, (_, i) => ({ articleId: `a${i + 1}`, source: `S${i + 1}`, url: `u${i + 1}` }));
    const story = { storyId: 's1' };
    await stores.outbox.enqueue(alertNo(1, { ...story, reportedBy: reports(1) }), [C1], NOW);
    await drain();
    // C2 subscribed after the root went out; the first edit of C1's root fails once.
    const update = (i: number) => alertNo(i, { ...story, kind: 'update', rootAlertId: 'a1', reportedBy: reports(i) });
    await stores.outbox.enqueue(update(2), [C1, C2], NOW);
    await stores.outbox.enqueue(update(3), [C1, C2], NOW);
    slack.failNext({ method: 'edit', channelId: 'C1' }, { reason: 'transient' });
    await drain();

    const [root, ...replies] = slack.inChannel('C1');
    expect(replies.map((m) => [m.alertId, m.parentId])).toEqual([['a2', root!.id], ['a3', root!.id]]);
    expect(root!.edits.map((a) => [a.id, a.reportedBy.length])).toEqual([['a1', 2], ['a1', 3]]);
    const [posted, reply] = slack.inChannel('C2');
    expect([posted!.alertId, posted!.parentId, reply!.alertId, reply!.parentId]).toEqual(['a2', undefined, 'a3', posted!.id]);
    expect(posted!.edits.map((a) => a.reportedBy.length)).toEqual([3]);
    expect([...slack.countByKey().values()].every((n) => n === 1)).toBe(true);
  });

  it('drains every channel at the platform’s pace as soon as the platform answers again, not after each channel’s backoff', async () => {
    const clock = createVirtualClock(NOW);
    const limit = { messages: 1, perMs: 1_000 };
    // A minute-long outage: every post fails, so each channel's head backs off further and further.
    const outage = (): ScriptedAnswer | undefined => (clock.now() < NOW + 60_000 ? { reason: 'transient', message: 'HTTP 503' } : undefined);
    const slack = createFakePlatform({ platform: 'slack', rateLimit: limit, now: clock.now, dedup: 'find', enforce: { perChannel: limit }, chaos: outage });
    const { stores, drain } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    // Channels whose alerts arrived at different times back off out of step.
    for (const [id, at] of [['C1', 0], ['C2', 7_000], ['C3', 13_000]] as const) {
      for (let i = 0; i < 3; i++) await stores.outbox.enqueue(alertNo(i), [channel('slack', id)], NOW + at);
    }
    await drain();

    const failures = slack.calls.filter((c) => c.answer === 'transient');
    const firstSuccess = Math.min(...slack.messages.map((m) => m.at));
    const lastMessage = Math.max(...slack.messages.map((m) => m.at));
    expect(failures.length).toBeGreaterThan(10);
    expect(slack.messages).toHaveLength(9);
    expect([...slack.countByKey().values()].every((n) => n === 1)).toBe(true);
    // Three per channel at one per second: all out within a few seconds of the first success.
    expect(lastMessage - firstSuccess).toBeLessThanOrEqual(3_000);
    expect(slack.stats.refusedForRate).toBe(0);
  });

  it('keeps alerts for a platform that has no adapter running', async () => {
    const clock = createVirtualClock(NOW);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slackLike(clock)] });
    await stores.outbox.enqueue(alertNo(0), [channel('teams', 'T1')], NOW);
    expect(await engine.deliverDue()).toEqual({ sent: 0, retrying: 1, undeliverable: 0 });
    expect(await stores.outbox.get('a0|teams:T1')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: NOW + 60 * 60_000 });
  });

  it('retries in the background between cycles until delivered, and stops cleanly', async () => {
    const clock = createVirtualClock(NOW);
    const slack = slackLike(clock);
    const { stores, engine } = createHarness({ stores: await fixture.open(), clock, platforms: [slack] });
    await stores.outbox.enqueue(alertNo(0), [C1], NOW);
    await stores.outbox.enqueue(alertNo(1), [C1], NOW);
    // Backoff passes the inline limit after a few tries: those waits are the pump's.
    slack.failNext({ channelId: 'C1' }, { reason: 'transient' }, 6);

    engine.start();
    await slack.waitForMessages(2);
    await engine.stop();

    expect(alertIds(slack.inChannel('C1'))).toEqual(['a0', 'a1']);
    expect(clock.now() - NOW).toBeGreaterThan(60_000);
    expect(await stores.outbox.pendingCount()).toBe(0);
  });
});
