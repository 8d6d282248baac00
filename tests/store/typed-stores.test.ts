import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/store/stores.js';
import { createArticle } from '../builders/article.js';
import { ENGINES, storeFixture } from '../builders/stores.js';

const DAY = 86_400_000;
const NOW = Date.parse('2025-12-13T10:00:00Z');
const fixture = storeFixture();
let url: string;
let opened: Stores;

afterEach(() => fixture.cleanup());

async function reopen() {
  await opened.db.close();
  opened = await fixture.reopen(url, { dedupTtlMs: 30 * DAY });
  return opened;
}

describe.each(ENGINES)('typed stores on %s', (engine) => {
  beforeEach(async () => {
    const stores = await fixture.open(engine, { dedupTtlMs: 30 * DAY });
    url = stores.url;
    opened = stores;
  });

  describe('seen store', () => {
    it('remembers an article by id and by canonical URL, across a restart', async () => {
      const stores = opened;
      const article = createArticle();
      expect(await stores.seen.hasSeen(article)).toBe(false);
      await stores.seen.markSeen(article, NOW);
      const after = await reopen();
      expect(await after.seen.hasSeen(article)).toBe(true);
      expect(await after.seen.hasSeen({ id: 'other-guid', url: article.url })).toBe(true);
      expect(await after.seen.hasSeen({ id: article.id, url: '' })).toBe(true);
      expect(await after.seen.hasSeen({ id: 'other-guid', url: 'https://news.example/other' })).toBe(false);
    });

    it('forgets after the TTL, when expired records are swept', async () => {
      const stores = opened;
      await stores.seen.markSeen(createArticle(), NOW);
      expect(await stores.db.sweepExpired(NOW + 30 * DAY - 1)).toBe(0);
      expect(await stores.seen.hasSeen(createArticle())).toBe(true);
      expect(await stores.db.sweepExpired(NOW + 30 * DAY + 1)).toBe(2);
      expect(await stores.seen.hasSeen(createArticle())).toBe(false);
    });

    it('checks a feed’s articles in one call and marks them in one', async () => {
      const stores = opened;
      const articles = Array.from({ length: 1_200 }, (_, i) => createArticle({ id: `g${i}`, url: `https://news.example/${i}` }));
      await stores.seen.markSeenMany(articles.filter((_, i) => i % 3 === 0), NOW);
      const unseen = await stores.seen.filterUnseen([...articles, { ...articles[0]!, id: 'new-guid-same-url' }]);
      expect(unseen).toHaveLength(800);
      expect(unseen.map((a) => a.id).slice(0, 3)).toEqual(['g1', 'g2', 'g4']);
    });
  });

  describe('subscription store', () => {
    it('pauses and resumes every subscription of one channel, with a reason', async () => {
      const stores = opened;
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
      const stores = opened;
      expect(await stores.subscriptions.seed([seed])).toBe(1);
      expect(await stores.subscriptions.seed([seed])).toBe(0);
      expect(await stores.subscriptions.remove(seed.channel, seed.target)).toBe(true);
      const after = await reopen();
      expect(await after.subscriptions.seed([seed])).toBe(0);
      expect(await after.subscriptions.list()).toEqual([]);
    });

    it('holds the per-channel limit when 60 subscribes race, and still replaces an existing one at the limit', async () => {
      const stores = opened;
      const channel = { platform: 'slack', id: 'CRACE' };
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          stores.subscriptions.subscribe({ channel, target: { kind: 'keyword', phrase: `kw ${i}` }, createdAt: NOW }, { perChannel: 25 }),
        ),
      );
      expect(results.filter((r) => r.kind === 'added')).toHaveLength(25);
      expect(results.filter((r) => r.kind === 'limit')).toHaveLength(35);
      const kept = await stores.subscriptions.listForChannel(channel);
      expect(kept).toHaveLength(25);
      const replaced = await stores.subscriptions.subscribe({ ...kept[0]!, minScore: 0.7 }, { perChannel: 25 });
      expect(replaced).toEqual({ kind: 'replaced' });
      expect(await stores.subscriptions.listForChannel(channel)).toHaveLength(25);
    });

    it('holds the keyword limits per channel and per platform when subscribes race', async () => {
      const stores = opened;
      const limits = { perChannel: 100, keywordsPerChannel: 10, keywordsPerPlatform: 15 };
      const kw = (id: string, i: number) => ({ channel: { platform: 'discord', id }, target: { kind: 'keyword' as const, phrase: `kw ${id} ${i}` }, createdAt: NOW });
      const first = await Promise.all(Array.from({ length: 30 }, (_, i) => stores.subscriptions.subscribe(kw('D1', i), limits)));
      expect(first.filter((r) => r.kind === 'added')).toHaveLength(10);
      expect(first.filter((r) => r.kind === 'keyword-limit' && r.scope === 'channel')).toHaveLength(20);
      const second = await Promise.all(Array.from({ length: 30 }, (_, i) => stores.subscriptions.subscribe(kw('D2', i), limits)));
      expect(second.filter((r) => r.kind === 'added')).toHaveLength(5);
      expect(second.filter((r) => r.kind === 'keyword-limit' && r.scope === 'platform')).toHaveLength(25);
      // Another platform's keywords are not counted, and a topic is not a keyword.
      expect(await stores.subscriptions.subscribe({ ...kw('C1', 0), channel: { platform: 'slack', id: 'C1' } }, limits)).toEqual({ kind: 'added' });
      expect(await stores.subscriptions.subscribe({ channel: { platform: 'discord', id: 'D2' }, target: { kind: 'topic', topicId: 't' }, createdAt: NOW }, limits)).toEqual({ kind: 'added' });
      expect((await stores.subscriptions.list()).filter((s) => s.channel.platform === 'discord' && s.target.kind === 'keyword')).toHaveLength(15);
    });

    it('upserts per channel and topic, and lists by channel', async () => {
      const stores = opened;
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
});
