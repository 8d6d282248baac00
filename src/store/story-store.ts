import type { StoryRecord } from '../stories/story-record.js';
import { chunks, type Db } from './db.js';

/** Stories for clustering, so the pipeline loads only the stories an article could still join. */
export interface StoryStore {
  /** Stories active (last article published or stamped) within `windowMs` before `now`, oldest first. */
  recent(now: number, windowMs: number): Promise<StoryRecord[]>;
  get(id: string): Promise<StoryRecord | undefined>;
  save(story: StoryRecord): Promise<void>;
}

/** How many recent stories `recent` returns at most (the newest). */
export const MAX_INDEXED_STORIES = 2_000;
const activeAt = (s: StoryRecord) => Math.max(s.updatedAt, s.features.lastTime);
const isBefore = (a: StoryRecord, b: StoryRecord) => activeAt(a) - activeAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Saves stories; a copy with fewer articles than the stored one is skipped, so two writers
 * (two feeds in one cycle, two replicas) cannot move a story back.
 */
export async function writeStories(db: Db, stories: readonly StoryRecord[], ttlMs: number): Promise<void> {
  for (const part of chunks(stories)) {
    const rows = part.map((s) => ({
      id: s.id,
      active_at: activeAt(s),
      article_count: s.features.articleCount,
      expires_at: activeAt(s) + ttlMs,
      record: JSON.stringify(s),
    }));
    await db
      .insertInto('stories')
      .values(rows)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            active_at: eb.ref('excluded.active_at'),
            article_count: eb.ref('excluded.article_count'),
            expires_at: eb.ref('excluded.expires_at'),
            record: eb.ref('excluded.record'),
          }))
          .where('stories.article_count', '<=', (eb) => eb.ref('excluded.article_count')),
      )
      .execute();
    const members = part.flatMap((s) => s.members.map((m) => ({ story_id: s.id, article_id: m.articleId })));
    for (const some of chunks(members)) {
      await db.insertInto('story_members').values(some).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}

/**
 * `ttlMs`: how long a story is kept after it was last active; `maxIndexed`: how many recent
 * stories `recent` returns at most.
 */
export function createStoryStore(db: Db, ttlMs: number, opts: { maxIndexed?: number | undefined } = {}): StoryStore {
  const maxIndexed = opts.maxIndexed ?? MAX_INDEXED_STORIES;
  return {
    async recent(now, windowMs) {
      const rows = await db
        .selectFrom('stories')
        .select('record')
        .where('active_at', '>=', now - Math.min(windowMs, ttlMs))
        .where('active_at', '<=', now + windowMs)
        .orderBy('active_at', 'desc')
        .orderBy('id', 'desc')
        .limit(maxIndexed)
        .execute();
      return rows.map((r) => JSON.parse(r.record) as StoryRecord).reverse();
    },
    async get(id) {
      const row = await db.selectFrom('stories').select('record').where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : (JSON.parse(row.record) as StoryRecord);
    },
    save: (story) => writeStories(db, [story], ttlMs),
  };
}

/** Stories in memory, for `classify`: nothing outlives the run, and nothing is serialized. */
export function createMemoryStoryStore(ttlMs: number, opts: { maxIndexed?: number } = {}): StoryStore {
  const maxIndexed = opts.maxIndexed ?? MAX_INDEXED_STORIES;
  const stories = new Map<string, StoryRecord>();
  return {
    async recent(now, windowMs) {
      const from = now - Math.min(windowMs, ttlMs);
      const active = [...stories.values()].filter((s) => activeAt(s) >= from && activeAt(s) <= now + windowMs);
      return active.sort(isBefore).slice(-maxIndexed);
    },
    get: async (id) => stories.get(id),
    async save(story) {
      const old = stories.get(story.id);
      if (!old || old.features.articleCount <= story.features.articleCount) stories.set(story.id, story);
    },
  };
}
