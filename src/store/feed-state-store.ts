import { emptyFeedState, type FeedState } from '../domain/feed.js';
import type { KeyValueStore } from './key-value-store.js';

/** Per-feed memory: conditional-GET validators, health, backoff, next poll time. */
export interface FeedStateStore {
  get(feedId: string): Promise<FeedState>;
  getAll(feedIds: string[]): Promise<Map<string, FeedState>>;
  set(feedId: string, state: FeedState): Promise<void>;
}

const key = (feedId: string) => `feed:${feedId}`;

export function createFeedStateStore(kv: KeyValueStore): FeedStateStore {
  return {
    async get(feedId) {
      return (await kv.get<FeedState>(key(feedId))) ?? emptyFeedState();
    },
    async getAll(feedIds) {
      const values = await kv.getMany<FeedState>(feedIds.map(key));
      return new Map(feedIds.map((id, i) => [id, values[i] ?? emptyFeedState()]));
    },
    async set(feedId, state) {
      await kv.set(key(feedId), state);
    },
  };
}
