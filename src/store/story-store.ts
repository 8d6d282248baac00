import type { StoryRecord } from '../stories/story-record.js';
import type { KeyValueStore } from './key-value-store.js';
import { createSerialQueue } from './serial-queue.js';

/**
 * Stories for clustering: one key per story, and an index of recent story ids with the
 * time each was last active, so the pipeline loads only the stories an article could
 * still join. The index is pruned by time and bounded, so it stays one small value.
 */
export interface StoryStore {
  /** Stories active (last article published or stamped) within `windowMs` before `now`, oldest first. */
  recent(now: number, windowMs: number): Promise<StoryRecord[]>;
  get(id: string): Promise<StoryRecord | undefined>;
  save(story: StoryRecord): Promise<void>;
}

interface IndexEntry {
  id: string;
  /** Epoch ms the story was last active. */
  at: number;
}

const INDEX_KEY = 'stories:recent';
export const MAX_INDEXED_STORIES = 2_000;
const storyKey = (id: string) => `story:${id}`;
const activeAt = (s: StoryRecord) => Math.max(s.updatedAt, s.features.lastTime);

/**
 * `ttlMs`: how long a story is kept after its last save (and indexed after the newest one);
 * `maxIndexed`: how many recent stories the index holds at most.
 */
export function createStoryStore(kv: KeyValueStore, ttlMs: number, opts: { maxIndexed?: number } = {}): StoryStore {
  const maxIndexed = opts.maxIndexed ?? MAX_INDEXED_STORIES;
  const serialized = createSerialQueue();
  // Read once, then kept here and written through: this process is the only writer of
  // stories (as the placer's own cache assumes), and the index is saved with every relevant
  // article, so re-reading (and, in SQLite or Redis, re-parsing) it each time costs most of a save.
  let index: IndexEntry[] | undefined;
  const readIndex = async (): Promise<IndexEntry[]> => (index ??= (await kv.get<IndexEntry[]>(INDEX_KEY)) ?? []);

  return {
    async recent(now, windowMs) {
      const ids = (await readIndex()).filter((e) => e.at >= now - windowMs && e.at <= now + windowMs).map((e) => e.id);
      const stories = await kv.getMany<StoryRecord>(ids.map(storyKey));
      return stories.filter((s): s is StoryRecord => s !== undefined);
    },
    get: (id) => kv.get<StoryRecord>(storyKey(id)),
    save: (story) =>
      serialized(async () => {
        await kv.set(storyKey(story.id), story, ttlMs);
        const entries = await readIndex();
        const entry = { id: story.id, at: activeAt(story) };
        // Kept in order (oldest first) and updated in place: a story's activity only moves
        // forward, so its old entry is near the end, and nothing of the size of the index is
        // copied per save (it holds up to maxIndexed entries, saved once per relevant article).
        const old = entries.findLastIndex((e) => e.id === entry.id);
        if (old >= 0) entries.splice(old, 1);
        entries.splice(insertionPoint(entries, entry), 0, entry);
        const newest = entries[entries.length - 1]!.at;
        // What falls out of the TTL or past the bound is forgotten.
        let drop = Math.max(0, entries.length - maxIndexed);
        while (drop < entries.length && entries[drop]!.at < newest - ttlMs) drop++;
        if (drop > 0) entries.splice(0, drop);
        await kv.set(INDEX_KEY, entries, ttlMs);
      }),
  };
}

const isBefore = (a: IndexEntry, b: IndexEntry) => a.at < b.at || (a.at === b.at && a.id < b.id);

/** Where `entry` goes in an index sorted oldest first (ties by id). */
function insertionPoint(index: readonly IndexEntry[], entry: IndexEntry): number {
  let low = 0;
  let high = index.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isBefore(index[mid]!, entry)) low = mid + 1;
    else high = mid;
  }
  return low;
}
