import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyValueStore, type KeyValueStore } from '../../src/store/key-value-store.js';
import { createStores } from '../../src/store/stores.js';
import { createAlert, createArticle } from '../builders/article.js';

const DAY = 86_400_000;
const NOW = Date.parse('2025-12-13T10:00:00Z');
let dir: string;
let url: string;
let kv: KeyValueStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-stores-'));
  url = `sqlite://${path.join(dir, 'state.sqlite')}`;
  kv = await openKeyValueStore(url);
});
afterEach(async () => {
  await kv.close();
  rmSync(dir, { recursive: true, force: true });
});

async function reopen() {
  await kv.close();
  kv = await openKeyValueStore(url);
  return createStores(kv, { dedupTtlMs: 30 * DAY });
}

describe('seen store', () => {
  it('remembers an article by id and by canonical URL, across a restart', async () => {
    const stores = createStores(kv, { dedupTtlMs: 30 * DAY });
    const article = createArticle();
    expect(await stores.seen.hasSeen(article)).toBe(false);
    await stores.seen.markSeen(article, NOW);
    const after = await reopen();
    expect(await after.seen.hasSeen(article)).toBe(true);
    expect(await after.seen.hasSeen({ id: 'other-guid', url: article.url })).toBe(true);
    expect(await after.seen.hasSeen({ id: article.id, url: '' })).toBe(true);
    expect(await after.seen.hasSeen({ id: 'other-guid', url: 'https://news.example/other' })).toBe(false);
  });

  it('forgets after the TTL', async () => {
    const stores = createStores(kv, { dedupTtlMs: 20 });
    await stores.seen.markSeen(createArticle(), NOW);
    await new Promise((r) => setTimeout(r, 60));
    expect(await stores.seen.hasSeen(createArticle())).toBe(false);
  });
});

describe('outbox store', () => {
  const slack = { platform: 'slack', id: 'C1' };
  const discord = { platform: 'discord', id: '42' };

  it('records each delivery once, keeps them pending until sent, across a restart', async () => {
    const stores = createStores(kv, { dedupTtlMs: 30 * DAY });
    const alert = createAlert();
    expect(await stores.outbox.enqueue(alert, [slack, discord], NOW)).toHaveLength(2);
    expect(await stores.outbox.enqueue(alert, [slack, discord], NOW)).toHaveLength(0);

    const after = await reopen();
    const due = await after.outbox.due(NOW);
    expect(due.map((e) => e.id)).toEqual([`${alert.id}|slack:C1`, `${alert.id}|discord:42`]);
    await after.outbox.markSent(due[0]!.id, { platform: 'slack', channelId: 'C1', messageId: '1.2' }, NOW + 1);
    expect(await after.outbox.pendingCount()).toBe(1);
    // A crash that replays the cycle must not queue the sent one again.
    expect(await after.outbox.enqueue(alert, [slack], NOW + 2)).toHaveLength(0);
    expect((await after.outbox.get(due[0]!.id))?.status).toBe('sent');
  });

  it('holds retries until their time and drops undeliverable entries from the queue', async () => {
    const stores = createStores(kv, { dedupTtlMs: 30 * DAY });
    const [entry] = await stores.outbox.enqueue(createAlert(), [slack], NOW);
    await stores.outbox.markRetry(entry!.id, 'HTTP 500', NOW + 5_000);
    expect(await stores.outbox.due(NOW + 4_999)).toHaveLength(0);
    expect((await stores.outbox.due(NOW + 5_000))[0]?.attempts).toBe(1);
    await stores.outbox.markUndeliverable(entry!.id, 'channel_not_found');
    expect(await stores.outbox.pendingCount()).toBe(0);
    expect((await stores.outbox.get(entry!.id))?.lastError).toBe('channel_not_found');
  });

  it('keeps every entry when enqueues race', async () => {
    const stores = createStores(kv, { dedupTtlMs: 30 * DAY });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores.outbox.enqueue(createAlert({ article: createArticle({ id: `a${i}` }) }), [slack], NOW + i),
      ),
    );
    expect(await stores.outbox.pendingCount()).toBe(20);
  });
});

describe('subscription store', () => {
  it('pauses and resumes every subscription of one channel, with a reason', async () => {
    const stores = createStores(kv, { dedupTtlMs: DAY });
    const slack = { platform: 'slack', id: 'C1' };
    await stores.subscriptions.upsert({ channel: slack, target: { kind: 'topic', topicId: 'a' }, createdAt: NOW });
    await stores.subscriptions.upsert({ channel: slack, target: { kind: 'keyword', phrase: 'Geneva' }, createdAt: NOW });
    await stores.subscriptions.upsert({ channel: { platform: 'slack', id: 'C2' }, target: { kind: 'topic', topicId: 'a' }, createdAt: NOW });
    expect(await stores.subscriptions.setPaused(slack, true, 'channel_not_found')).toBe(2);
    expect((await stores.subscriptions.listForChannel(slack)).map((s) => s.pausedReason)).toEqual(['channel_not_found', 'channel_not_found']);
    expect((await stores.subscriptions.list()).filter((s) => s.paused)).toHaveLength(2);
    expect(await stores.subscriptions.setPaused(slack, false)).toBe(2);
    expect((await stores.subscriptions.listForChannel(slack)).some((s) => s.paused || s.pausedReason)).toBe(false);
  });

  const topic = { kind: 'topic', topicId: 'ukraine-peace-talks' } as const;
  const seed = { channel: { platform: 'console', id: 'stdout' }, target: topic, createdAt: NOW };

  it('adds config seeds once and does not bring back one a user removed', async () => {
    const stores = createStores(kv, { dedupTtlMs: DAY });
    expect(await stores.subscriptions.seed([seed])).toBe(1);
    expect(await stores.subscriptions.seed([seed])).toBe(0);
    expect(await stores.subscriptions.remove(seed.channel, seed.target)).toBe(true);
    const after = await reopen();
    expect(await after.subscriptions.seed([seed])).toBe(0);
    expect(await after.subscriptions.list()).toEqual([]);
  });

  it('upserts per channel and topic, and lists by channel', async () => {
    const stores = createStores(kv, { dedupTtlMs: DAY });
    await stores.subscriptions.upsert(seed);
    await stores.subscriptions.upsert({ ...seed, minScore: 0.5 });
    await stores.subscriptions.upsert({ ...seed, channel: { platform: 'slack', id: 'C1' } });
    expect(await stores.subscriptions.listForChannel(seed.channel)).toEqual([{ ...seed, minScore: 0.5 }]);
    expect(await stores.subscriptions.list()).toHaveLength(2);
    // A keyword is one subscription however it is spaced or cased.
    await stores.subscriptions.upsert({ ...seed, target: { kind: 'keyword', phrase: 'Zaporizhzhia  NPP' } });
    await stores.subscriptions.upsert({ ...seed, target: { kind: 'keyword', phrase: 'zaporizhzhia npp' } });
    expect(await stores.subscriptions.listForChannel(seed.channel)).toHaveLength(2);
    expect(await stores.subscriptions.remove({ platform: 'slack', id: 'nope' }, seed.target)).toBe(false);
  });
});
