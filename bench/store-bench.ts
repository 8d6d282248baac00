/**
 * Store cost per 1,000 processed articles on SQLite (a file on disk, as in production): this
 * version's store (one seen query and one transaction per feed) against 0.1's (keyv blobs, one
 * autocommitted write per set; bench/store-0.1-baseline.ts), in the same process, interleaved
 * in rounds on fresh files. The work is the store's share of a cycle only — seen checks, story
 * saves, outbox inserts, seen marks, feed state — for 25 feeds of 40 articles, 1 in 20 relevant
 * and alerted to 2 channels: a cold cycle (everything new), then a warm one (everything seen).
 * Reported: medians over rounds, and the median of the per-round ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Alert } from '../src/domain/alert.js';
import type { Article } from '../src/domain/article.js';
import type { ChannelRef } from '../src/domain/channel.js';
import type { FeedState } from '../src/domain/feed.js';
import { openStores } from '../src/store/stores.js';
import { createStory, type StoryRecord } from '../src/stories/story-record.js';
import { storyFeatures } from '../src/stories/story-features.js';
import { createAlert, createArticle } from '../tests/builders/article.js';
import { median } from './bench-stats.js';
import { openStore01 } from './store-0.1-baseline.js';

const FEEDS = 25;
const PER_FEED = 40;
const ARTICLES = FEEDS * PER_FEED;
const RELEVANT_EVERY = 20;
const ROUNDS = 7;
const TTL = 30 * 86_400_000;
const NOW = Date.parse('2025-12-13T12:00:00Z');
const CHANNELS: ChannelRef[] = [
  { platform: 'slack', id: 'C1' },
  { platform: 'discord', id: '42' },
];
const STATE: FeedState = { health: 'ok', consecutiveFailures: 0, initialized: true, etag: '"v1"', nextPollAt: NOW + 600_000 };

interface Item {
  article: Article;
  relevant?: { story: StoryRecord; alert: Alert };
}

function makeFeeds(): Item[][] {
  return Array.from({ length: FEEDS }, (_, f) =>
    Array.from({ length: PER_FEED }, (_, i): Item => {
      const n = f * PER_FEED + i;
      const article = createArticle({
        id: `https://feed${f}.example/items/${n}`,
        feedId: `feed${f}`,
        url: `https://feed${f}.example/2025/12/13/story-${n}`,
        title: `Item ${n}: a headline of ordinary length about something or other`,
        summary: 'A summary of a few sentences, as feeds carry them. '.repeat(4),
      });
      if (n % RELEVANT_EVERY !== 0) return { article };
      const story = createStory(storyFeatures({ ...article, language: 'en' }, []), NOW);
      return { article, relevant: { story, alert: createAlert({ article, storyId: story.id }) } };
    }),
  );
}

async function runCurrent(file: string, feeds: Item[][]): Promise<[number, number]> {
  const stores = await openStores(`sqlite://${file}`, { dedupTtlMs: TTL });
  const cycle = async () => {
    const start = performance.now();
    for (const [f, items] of feeds.entries()) {
      const unseen = new Set(await stores.seen.filterUnseen(items.map((i) => i.article)));
      const fresh = items.filter((i) => unseen.has(i.article));
      await stores.commitFeed({
        feedId: `feed${f}`,
        state: STATE,
        seen: fresh.map((i) => i.article),
        stories: fresh.flatMap((i) => (i.relevant ? [i.relevant.story] : [])),
        alerts: fresh.flatMap((i) => (i.relevant ? [{ alert: i.relevant.alert, channels: CHANNELS }] : [])),
        now: NOW,
      });
    }
    return performance.now() - start;
  };
  const cold = await cycle();
  const warm = await cycle();
  await stores.db.close();
  return [cold, warm];
}

function run01(file: string, feeds: Item[][]): [number, number] {
  const store = openStore01(file, TTL);
  // 0.1's processArticles: seen check, then story and outbox for a relevant article, then the mark; state per feed.
  const cycle = () => {
    const start = performance.now();
    for (const [f, items] of feeds.entries()) {
      for (const { article, relevant } of items) {
        if (store.hasSeen(article)) continue;
        if (relevant) {
          store.saveStory(relevant.story);
          store.enqueue(relevant.alert, CHANNELS, NOW);
        }
        store.markSeen(article, NOW);
      }
      store.setFeedState(`feed${f}`, STATE);
    }
    return performance.now() - start;
  };
  const cold = cycle();
  const warm = cycle();
  store.close();
  return [cold, warm];
}

const feeds = makeFeeds();
const rows: Array<{ current: [number, number]; old: [number, number] }> = [];
for (let round = 0; round < ROUNDS; round++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pw-store-bench-'));
  try {
    // Alternate which goes first, so neither always meets a warmer page cache.
    if (round % 2 === 0) {
      const current = await runCurrent(path.join(dir, 'current.sqlite'), feeds);
      rows.push({ current, old: run01(path.join(dir, 'old.sqlite'), feeds) });
    } else {
      const old = run01(path.join(dir, 'old.sqlite'), feeds);
      rows.push({ old, current: await runCurrent(path.join(dir, 'current.sqlite'), feeds) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const per1000 = (ms: number) => (ms * 1_000) / ARTICLES;
const fmt = (ms: number) => `${per1000(ms).toFixed(1)} ms`;
for (const [label, k] of [['cold (all new)', 0], ['warm (all seen)', 1]] as const) {
  const current = median(rows.map((r) => r.current[k]));
  const old = median(rows.map((r) => r.old[k]));
  const ratio = median(rows.map((r) => r.old[k] / r.current[k]));
  console.log(
    `store, ${label}, per 1,000 articles on SQLite: ${fmt(current)} now, ${fmt(old)} with 0.1's keyv store — ${ratio.toFixed(1)}× less (median of ${ROUNDS} rounds; rounds now ${rows.map((r) => per1000(r.current[k]).toFixed(0)).join('/')} ms)`,
  );
}
