import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyValueStore, type KeyValueStore } from '../../src/store/key-value-store.js';
import { createStores } from '../../src/store/stores.js';
import { createArticle } from '../builders/article.js';

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
