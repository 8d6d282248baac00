import type { Generated } from 'kysely';

/**
 * The tables, one schema for SQLite and PostgreSQL. Columns that are queried, claimed or
 * updated in place are columns; the rest of each record is one JSON text column, so a field
 * added to a domain type (FeedState, Alert, Subscription, StoryRecord) persists without a
 * migration. Times are epoch ms in bigint columns (parsed back to numbers on both engines).
 */
export interface StoreSchema {
  meta: MetaTable;
  subscriptions: SubscriptionTable;
  subscription_seeds: SubscriptionSeedTable;
  seen: SeenTable;
  outbox: OutboxTable;
  stories: StoryTable;
  story_members: StoryMemberTable;
  feed_state: FeedStateTable;
}

/** Store-wide records: the store identity (`store_id`), when and from what it was created. */
export interface MetaTable {
  key: string;
  value: string;
}

export interface SubscriptionTable {
  channel_key: string;
  target_key: string;
  /** Insertion order (an upsert moves the subscription to the end, as 0.1 did). */
  position: number;
  /** JSON: the Subscription. */
  data: string;
}

/** Config seeds added once: a seed a user removed later is not re-added on restart. */
export interface SubscriptionSeedTable {
  key: string;
}

/** The seen-article set: `seen:<article id>` and `seen-url:<hash of the canonical URL>`. */
export interface SeenTable {
  key: string;
  expires_at: number;
}

export interface OutboxTable {
  /** Enqueue order: delivery keeps it per channel. */
  seq: Generated<number>;
  id: string;
  channel_key: string;
  story_id: string;
  /** 'pending' | 'sent' | 'undeliverable': the pending index is this column, so enqueue is one insert. */
  status: string;
  next_attempt_at: number;
  enqueued_at: number;
  sent_at: number | null;
  /** 'post' | 'reply' once posted. */
  posted_as: string | null;
  /** Finished entries are kept until then, to refuse re-enqueueing them (the dedup TTL). */
  expires_at: number;
  /** A replica's claim on a pending entry, and until when it holds. */
  lease_owner: string | null;
  lease_until: number | null;
  /** JSON: the OutboxEntry, its Alert included. */
  entry: string;
}

export interface StoryTable {
  id: string;
  /** When the story was last active (last article published or stamped). */
  active_at: number;
  /** Grows with every report: an older copy of a story never overwrites a newer one. */
  article_count: number;
  expires_at: number;
  /** JSON: the StoryRecord. */
  record: string;
}

export interface StoryMemberTable {
  story_id: string;
  article_id: string;
}

export interface FeedStateTable {
  feed_id: string;
  next_poll_at: number | null;
  /** A replica's poll lease on the feed, and until when it holds. */
  lease_owner: string | null;
  lease_until: number | null;
  /** JSON: the FeedState. */
  state: string;
}
