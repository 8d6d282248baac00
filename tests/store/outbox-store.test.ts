import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/channel.js';
import type { Engine } from '../../src/store/database.js';
import type { Stores } from '../../src/store/stores.js';
import { createAlert, createArticle } from '../builders/article.js';
import { ENGINES, storeFixture } from '../builders/stores.js';

const DAY = 86_400_000;
const NOW = Date.parse('2025-12-13T10:00:00Z');
const slack: ChannelRef = { platform: 'slack', id: 'C1' };
const discord: ChannelRef = { platform: 'discord', id: '42' };
const ref = (channel: ChannelRef, messageId: string) => ({ platform: channel.platform, channelId: channel.id, messageId });
const alertNo = (i: number, overrides: Parameters<typeof createAlert>[0] = {}) =>
  createAlert({ article: createArticle({ id: `a${i}`, url: `https://news.example/${i}` }), ...overrides });

const fixture = storeFixture();
let engine: Engine;
let url: string;
let opened: Stores;
let outbox: Stores['outbox'];

afterEach(() => fixture.cleanup());

async function reopen() {
  await opened.db.close();
  opened = await fixture.reopen(url, { dedupTtlMs: 30 * DAY });
  return opened;
}

describe.each(ENGINES)('outbox store on %s', (e) => {
  beforeEach(async () => {
    engine = e;
    const stores = await fixture.open(engine, { dedupTtlMs: 30 * DAY });
    url = stores.url;
    opened = stores;
    outbox = stores.outbox;
  });

  it('records each delivery once, keeps them pending until sent, across a restart', async () => {
    const stores = opened;
    const alert = createAlert();
    expect(await stores.outbox.enqueue(alert, [slack, discord], NOW)).toHaveLength(2);
    expect(await stores.outbox.enqueue(alert, [slack, discord], NOW)).toHaveLength(0);

    const after = await reopen();
    const due = await after.outbox.due(NOW);
    expect(due.map((e) => e.id)).toEqual([`${alert.id}|slack:C1`, `${alert.id}|discord:42`]);
    await after.outbox.markSent(due[0]!.id, ref(slack, '1.2'), NOW + 1);
    expect(await after.outbox.pendingCount()).toBe(1);
    // A crash that replays the cycle must not queue the sent one again.
    expect(await after.outbox.enqueue(alert, [slack], NOW + 2)).toHaveLength(0);
    expect((await after.outbox.get(due[0]!.id))?.status).toBe('sent');
  });

  it('holds retries until their time and drops undeliverable entries from the queue', async () => {
    const stores = opened;
    const [entry] = await stores.outbox.enqueue(createAlert(), [slack], NOW);
    await stores.outbox.markRetry(entry!.id, 'HTTP 500', NOW + 5_000);
    expect(await stores.outbox.due(NOW + 4_999)).toHaveLength(0);
    expect(await stores.outbox.nextDueAt()).toBe(NOW + 5_000);
    expect((await stores.outbox.due(NOW + 5_000))[0]?.attempts).toBe(1);
    await stores.outbox.markUndeliverable(entry!.id, 'channel_not_found');
    expect(await stores.outbox.pendingCount()).toBe(0);
    expect(await stores.outbox.nextDueAt()).toBeUndefined();
    expect((await stores.outbox.get(entry!.id))?.lastError).toBe('channel_not_found');
  });

  it('keeps every entry when enqueues race', async () => {
    const stores = opened;
    await Promise.all(Array.from({ length: 20 }, (_, i) => stores.outbox.enqueue(alertNo(i), [slack], NOW + i)));
    expect(await stores.outbox.pendingCount()).toBe(20);
  });

  it('takes the kind from the alert', async () => {
    const [update] = await outbox.enqueue(alertNo(2, { kind: 'update', rootAlertId: 'a1' }), [slack], NOW);
    const [fresh] = await outbox.enqueue(alertNo(3), [slack], NOW);
    expect([update?.kind, fresh?.kind]).toEqual(['update', 'new']);
  });

  it('holds back a channel behind its waiting head, and only that channel', async () => {
    for (const i of [1, 2, 3]) await outbox.enqueue(alertNo(i), [slack, discord], NOW);
    await outbox.markRetry(`a1|slack:C1`, 'HTTP 500', NOW + 10_000);
    expect((await outbox.due(NOW)).map((e) => e.id)).toEqual(['a1|discord:42', 'a2|discord:42', 'a3|discord:42']);
    expect((await outbox.due(NOW, slack)).map((e) => e.id)).toEqual([]);
    expect((await outbox.due(NOW + 10_000, slack)).map((e) => e.id)).toEqual(['a1|slack:C1', 'a2|slack:C1', 'a3|slack:C1']);
    expect(await outbox.nextDueAt()).toBe(NOW);
  });

  it('keeps inFlightSince from the first send of a streak until an outcome says whether it landed', async () => {
    const [entry] = await outbox.enqueue(alertNo(1), [slack], NOW);
    const id = entry!.id;
    await outbox.markInFlight(id, NOW + 1);
    await outbox.markRetry(id, 'timeout', NOW + 100, { keepInFlight: true });
    await outbox.markInFlight(id, NOW + 100);
    expect((await outbox.get(id))?.inFlightSince).toBe(NOW + 1);
    await outbox.markRetry(id, '429', NOW + 200, { countAttempt: false });
    const retried = await outbox.get(id);
    expect(retried?.inFlightSince).toBeUndefined();
    expect(retried?.attempts).toBe(1);
    await outbox.markInFlight(id, NOW + 200);
    await outbox.markSent(id, ref(slack, 'm1'), NOW + 201);
    expect(await outbox.get(id)).toMatchObject({ status: 'sent', attempts: 2, postedAs: 'post', ref: ref(slack, 'm1') });
    expect((await outbox.get(id))?.inFlightSince).toBeUndefined();
  });

  it('does not change a finished entry on a late mark', async () => {
    const [entry] = await outbox.enqueue(alertNo(1), [slack], NOW);
    await outbox.markSent(entry!.id, ref(slack, 'm1'), NOW);
    await outbox.markRetry(entry!.id, 'late', NOW + 5);
    await outbox.markUndeliverable(entry!.id, 'late');
    expect(await outbox.get(entry!.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await outbox.pendingCount()).toBe(0);
  });

  it('lists a channel’s sent alerts newest first, keeping the last 50', async () => {
    for (let i = 0; i < 55; i++) {
      await outbox.enqueue(alertNo(i), [slack, discord], NOW + i);
      await outbox.markSent(`a${i}|slack:C1`, ref(slack, `m${i}`), NOW + i);
    }
    await outbox.markUndeliverable('a0|discord:42', 'bad');
    const recent = await outbox.recentForChannel(slack, 3);
    expect(recent.map((e) => e.alert.id)).toEqual(['a54', 'a53', 'a52']);
    expect(await outbox.recentForChannel(slack, 100)).toHaveLength(50);
    expect(await outbox.recentForChannel(discord, 5)).toEqual([]);
  });

  it('finds an update’s root by alert id, and a story’s first top-level message in a channel', async () => {
    const root = alertNo(1, { storyId: 's1' });
    const update = alertNo(2, { storyId: 's1', kind: 'update', rootAlertId: 'a1' });
    const later = alertNo(3, { storyId: 's1', kind: 'update', rootAlertId: 'a1' });
    await outbox.enqueue(root, [slack], NOW);
    await outbox.enqueue(update, [slack, discord], NOW);
    await outbox.enqueue(later, [slack], NOW);
    expect(await outbox.findSent('a1', slack)).toBeUndefined();
    await outbox.markSent('a1|slack:C1', ref(slack, 'root'), NOW);
    // Slack: the update is a reply, not a root. Discord never had the root: the update was posted.
    await outbox.markReplied('a2|slack:C1', ref(slack, 'reply'));
    expect(await outbox.get('a2|slack:C1')).toMatchObject({ status: 'pending', postedAs: 'reply' });
    await outbox.markSent('a2|slack:C1', ref(slack, 'reply'), NOW);
    await outbox.markSent('a2|discord:42', ref(discord, 'posted'), NOW);
    expect((await outbox.findSent('a1', slack))?.ref?.messageId).toBe('root');
    expect((await outbox.findStoryRoot('s1', slack))?.ref?.messageId).toBe('root');
    expect((await outbox.findStoryRoot('s1', discord))?.ref?.messageId).toBe('posted');
    expect(await outbox.findStoryRoot('s2', slack)).toBeUndefined();
  });

  it('gives each posted delivery of the last day as a latency sample: publication, first sight, post', async () => {
    const dated = alertNo(1, { firstSeenAt: NOW - 60_000 });
    const undated = createAlert({
      article: createArticle({ id: 'a2', feedId: 'wire', url: 'https://news.example/2', publishedAt: new Date(NOW - 30_000).toISOString(), publishedAtIsFirstSeen: true }),
      createdAt: NOW - 30_000,
    });
    await outbox.enqueue(dated, [slack, discord], NOW - 60_000);
    await outbox.enqueue(undated, [slack], NOW - 30_000);
    await outbox.markSent('a1|slack:C1', ref(slack, 'm1'), NOW);
    await outbox.markSent('a2|slack:C1', ref(slack, 'm2'), NOW + 1_000);
    await outbox.markSent('a1|discord:42', ref(discord, 'm3'), NOW - 2 * DAY);
    const samples = await outbox.postedSince(NOW - DAY);
    expect(samples).toEqual([
      { feedId: 'wire', publishedAt: undefined, firstSeenAt: NOW - 30_000, postedAt: NOW + 1_000 },
      { feedId: 'test-feed', publishedAt: Date.parse('2025-12-13T09:00:00.000Z'), firstSeenAt: NOW - 60_000, postedAt: NOW },
    ]);
  });
});
