import { createHash } from 'node:crypto';
import type { Article } from '../domain/article.js';
import { chunks, type Db } from './db.js';

type SeenKeys = Pick<Article, 'id' | 'url'>;

/**
 * Which articles have been handled, by id and by canonical URL (the same article
 * re-published with a new guid is still seen). Records expire after the dedup TTL.
 */
export interface SeenStore {
  hasSeen(article: SeenKeys): Promise<boolean>;
  markSeen(article: SeenKeys, now: number): Promise<void>;
  /** The articles not seen yet, in their order: one query per feed, not one per article. */
  filterUnseen<T extends SeenKeys>(articles: readonly T[]): Promise<T[]>;
  /** Marks them all seen in one statement. */
  markSeenMany(articles: readonly SeenKeys[], now: number): Promise<void>;
}

// The key spellings of 0.1's keyv store, so its seen records carry over unchanged.
const urlKey = (url: string) => `seen-url:${createHash('sha256').update(url).digest('base64url').slice(0, 32)}`;
const idKey = (id: string) => `seen:${id}`;
const keysOf = ({ id, url }: SeenKeys) => (url ? [idKey(id), urlKey(url)] : [idKey(id)]);

export async function writeSeen(db: Db, articles: readonly SeenKeys[], now: number, ttlMs: number): Promise<void> {
  const keys = [...new Set(articles.flatMap(keysOf))];
  const expires_at = now + ttlMs;
  for (const part of chunks(keys)) {
    await db
      .insertInto('seen')
      .values(part.map((key) => ({ key, expires_at })))
      .onConflict((oc) => oc.column('key').doUpdateSet({ expires_at }))
      .execute();
  }
}

export function createSeenStore(db: Db, ttlMs: number): SeenStore {
  const filterUnseen = async <T extends SeenKeys>(articles: readonly T[]): Promise<T[]> => {
    const keyed = articles.map((a) => ({ article: a, keys: keysOf(a) }));
    const seen = new Set<string>();
    for (const part of chunks([...new Set(keyed.flatMap((k) => k.keys))])) {
      const rows = await db.selectFrom('seen').select('key').where('key', 'in', part).execute();
      for (const r of rows) seen.add(r.key);
    }
    return keyed.filter((k) => !k.keys.some((key) => seen.has(key))).map((k) => k.article);
  };
  return {
    hasSeen: async (article) => (await filterUnseen([article])).length === 0,
    markSeen: (article, now) => writeSeen(db, [article], now, ttlMs),
    filterUnseen,
    markSeenMany: (articles, now) => writeSeen(db, articles, now, ttlMs),
  };
}
