import { createHash } from 'node:crypto';
import type { Article } from '../domain/article.js';
import type { KeyValueStore } from './key-value-store.js';

/**
 * Which articles have been handled, by id and by canonical URL (the same article
 * re-published with a new guid is still seen). Records expire after the dedup TTL.
 */
export interface SeenStore {
  hasSeen(article: Pick<Article, 'id' | 'url'>): Promise<boolean>;
  markSeen(article: Pick<Article, 'id' | 'url'>, now: number): Promise<void>;
}

const urlKey = (url: string) => `seen-url:${createHash('sha256').update(url).digest('base64url').slice(0, 32)}`;
const idKey = (id: string) => `seen:${id}`;

export function createSeenStore(kv: KeyValueStore, ttlMs: number): SeenStore {
  return {
    async hasSeen({ id, url }) {
      const keys = url ? [idKey(id), urlKey(url)] : [idKey(id)];
      const values = await kv.getMany<number>(keys);
      return values.some((v) => v !== undefined);
    },
    async markSeen({ id, url }, now) {
      await kv.set(idKey(id), now, ttlMs);
      if (url) await kv.set(urlKey(url), now, ttlMs);
    },
  };
}
