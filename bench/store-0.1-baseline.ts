/**
 * The 0.1 store's work per article, kept only for `npm run bench` as the baseline: keyv blobs
 * in one SQLite table, as @keyv/sqlite wrote them (rollback journal, every set its own
 * autocommitted statement), and the 0.1 typed stores' sequence of gets and sets, copied from
 * src/store at 0.1. Run here over better-sqlite3, synchronously: 0.1 went through the async
 * sqlite3 driver (a thread-pool hop per call), so this baseline is if anything faster than 0.1 was.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Alert } from '../src/domain/alert.js';
import type { Article } from '../src/domain/article.js';
import { channelKey, type ChannelRef } from '../src/domain/channel.js';
import type { FeedState } from '../src/domain/feed.js';
import type { StoryRecord } from '../src/stories/story-record.js';

const NAMESPACE = 'peacewatch:';

export interface Store01 {
  hasSeen(article: Pick<Article, 'id' | 'url'>): boolean;
  markSeen(article: Pick<Article, 'id' | 'url'>, now: number): void;
  saveStory(story: StoryRecord): void;
  enqueue(alert: Alert, channels: ChannelRef[], now: number): void;
  setFeedState(feedId: string, state: FeedState): void;
  close(): void;
}

export function openStore01(file: string, ttlMs: number): Store01 {
  const db = new Database(file);
  db.exec('CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
  const select = db.prepare('SELECT value FROM keyv WHERE key = ?');
  const upsert = db.prepare('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const get = <T>(key: string): T | undefined => {
    const row = select.get(NAMESPACE + key) as { value: string } | undefined;
    if (!row) return undefined;
    const data = JSON.parse(row.value) as { value: T; expires: number | null };
    return data.expires !== null && data.expires < Date.now() ? undefined : data.value;
  };
  const getMany = <T>(keys: string[]): Array<T | undefined> => {
    const rows = db
      .prepare(`SELECT key, value FROM keyv WHERE key IN (${keys.map(() => '?').join(',')})`)
      .all(...keys.map((k) => NAMESPACE + k)) as Array<{ key: string; value: string }>;
    const found = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as { value: T; expires: number | null }]));
    return keys.map((k) => found.get(NAMESPACE + k)?.value);
  };
  const set = (key: string, value: unknown, ttl?: number) => {
    upsert.run(NAMESPACE + key, JSON.stringify({ value, expires: ttl === undefined ? null : Date.now() + ttl }));
  };
  const urlKey = (url: string) => `seen-url:${createHash('sha256').update(url).digest('base64url').slice(0, 32)}`;
  // 0.1's story index: read once, then written through whole with every save.
  let index: Array<{ id: string; at: number }> | undefined;

  return {
    hasSeen({ id, url }) {
      return getMany<number>(url ? [`seen:${id}`, urlKey(url)] : [`seen:${id}`]).some((v) => v !== undefined);
    },
    markSeen({ id, url }, now) {
      set(`seen:${id}`, now, ttlMs);
      if (url) set(urlKey(url), now, ttlMs);
    },
    saveStory(story) {
      set(`story:${story.id}`, story, ttlMs);
      index ??= get<Array<{ id: string; at: number }>>('stories:recent') ?? [];
      const at = Math.max(story.updatedAt, story.features.lastTime);
      const old = index.findIndex((e) => e.id === story.id);
      if (old >= 0) index.splice(old, 1);
      index.push({ id: story.id, at });
      set('stories:recent', index, ttlMs);
    },
    enqueue(alert, channels, now) {
      const pending = get<string[]>('outbox:pending') ?? [];
      let added = 0;
      for (const channel of channels) {
        const id = `${alert.id}|${channelKey(channel)}`;
        if (get(`outbox:${id}`)) continue;
        const entry = { id, alert, channel, kind: alert.kind ?? 'new', status: 'pending', attempts: 0, enqueuedAt: now, nextAttemptAt: now };
        set(`outbox:${id}`, entry, ttlMs);
        pending.push(id);
        added++;
      }
      if (added > 0) set('outbox:pending', pending);
    },
    setFeedState(feedId, state) {
      set(`feed:${feedId}`, state);
    },
    close: () => db.close(),
  };
}
