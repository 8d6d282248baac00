import type { KeyValueStore } from './key-value-store.js';
import { createFeedStateStore, type FeedStateStore } from './feed-state-store.js';
import { createOutboxStore, type OutboxStore } from './outbox-store.js';
import { createSeenStore, type SeenStore } from './seen-store.js';
import { createSubscriptionStore, type SubscriptionStore } from './subscription-store.js';
import { createStoryStore, type StoryStore } from './story-store.js';

/** Every typed store over one key-value backend; what the pipeline receives. */
export interface Stores {
  kv: KeyValueStore;
  seen: SeenStore;
  feedState: FeedStateStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  stories: StoryStore;
}

export function createStores(kv: KeyValueStore, opts: { dedupTtlMs: number }): Stores {
  return {
    kv,
    seen: createSeenStore(kv, opts.dedupTtlMs),
    feedState: createFeedStateStore(kv),
    subscriptions: createSubscriptionStore(kv),
    outbox: createOutboxStore(kv, opts.dedupTtlMs),
    stories: createStoryStore(kv, opts.dedupTtlMs),
  };
}
