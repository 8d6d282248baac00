import { statSync } from 'node:fs';
import type { Alert } from '../domain/alert.js';
import type { Article } from '../domain/article.js';
import type { ChannelRef } from '../domain/channel.js';
import type { FeedState } from '../domain/feed.js';
import type { StoryRecord } from '../stories/story-record.js';
import { openDatabase, type Engine, type OpenDatabaseOptions, type StoreDatabase } from './database.js';
import { writeFeedState, createFeedStateStore, type FeedStateStore } from './feed-state-store.js';
import { importLegacyStore, type LegacyImport } from './import-0-1.js';
import { migrateStore } from './migrations.js';
import { createOutboxStore, insertOutboxEntries, type OutboxEntry, type OutboxStore } from './outbox-store.js';
import { createSeenStore, writeSeen, type SeenStore } from './seen-store.js';
import { createSubscriptionStore, type SubscriptionStore } from './subscription-store.js';
import { createStoryStore, writeStories, type StoryStore } from './story-store.js';

/** Every typed store over one database; what the pipeline receives. */
export interface Stores {
  db: StoreHandle;
  seen: SeenStore;
  feedState: FeedStateStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  stories: StoryStore;
  /**
   * What processing one feed's articles wrote, in one transaction: stories, outbox entries,
   * seen marks and the feed's state all land, or none does (and the feed's articles are read
   * again next time). Returns the outbox entries that were new.
   */
  commitFeed(writes: FeedWrites): Promise<OutboxEntry[]>;
}

export interface FeedWrites {
  feedId: string;
  state: FeedState;
  /** Articles handled (alerted, or not relevant): marked seen. */
  seen: ReadonlyArray<Pick<Article, 'id' | 'url'>>;
  stories: readonly StoryRecord[];
  alerts: ReadonlyArray<{ alert: Alert; channels: readonly ChannelRef[] }>;
  now: number;
}

export interface StoreHandle {
  engine: Engine;
  /** The store URL without its password, safe to log. */
  displayUrl: string;
  /** Set on the start that imported a 0.1 store: what it carried over. */
  imported?: LegacyImport;
  /** The store's identity (made when its schema was created); undefined when the record is gone. */
  identity(): Promise<string | undefined>;
  /**
   * Is this still the store that was opened? A deleted or replaced SQLite file, or a database
   * that came back empty or as another one, is not: its identity record is gone or different.
   * Throws when the store does not answer.
   */
  checkIdentity(): Promise<{ same: true } | { same: false; reason: string }>;
  /** Removes expired seen records, finished outbox entries and stories; returns how many. */
  sweepExpired(now: number): Promise<number>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** How long seen records, finished deliveries and idle stories are kept. */
  dedupTtlMs: number;
  /** How many recent stories `stories.recent` returns at most (default MAX_INDEXED_STORIES). */
  maxRecentStories?: number;
}

/** Opens the store at `url`, brings its schema up to date, and returns the typed stores over it. */
export async function openStores(url: string, opts: StoreOptions & OpenDatabaseOptions): Promise<Stores> {
  const database = await openDatabase(url, opts);
  let imported: LegacyImport | undefined;
  try {
    await migrateStore(database.db, database.engine, database.displayUrl);
    // 0.1 kept its state as keyv rows in the same SQLite file (its Redis mode has no successor).
    if (database.engine === 'sqlite') imported = await importLegacyStore(database.db, Date.now(), opts.dedupTtlMs);
  } catch (err) {
    await database.close();
    throw err;
  }
  const stores = await withIdentityCheck(createStores(database, opts), database.file);
  return imported ? { ...stores, db: { ...stores.db, imported } } : stores;
}

export function createStores(database: StoreDatabase, opts: StoreOptions): Stores {
  const { db, engine } = database;
  const ttl = opts.dedupTtlMs;
  return {
    db: {
      engine,
      checkIdentity: async () => ({ same: true }),
      displayUrl: database.displayUrl,
      async identity() {
        const row = await db.selectFrom('meta').select('value').where('key', '=', 'store_id').executeTakeFirst();
        return row?.value;
      },
      async sweepExpired(now) {
        const seen = await db.deleteFrom('seen').where('expires_at', '<', now).executeTakeFirst();
        const outbox = await db
          .deleteFrom('outbox')
          .where('status', '!=', 'pending')
          .where('expires_at', '<', now)
          .executeTakeFirst();
        const stories = await db.transaction().execute(async (trx) => {
          const gone = trx.selectFrom('stories').select('id').where('expires_at', '<', now);
          await trx.deleteFrom('story_members').where('story_id', 'in', gone).execute();
          return trx.deleteFrom('stories').where('expires_at', '<', now).executeTakeFirst();
        });
        return [seen, outbox, stories].reduce((n, r) => n + Number(r.numDeletedRows), 0);
      },
      close: () => database.close(),
    },
    seen: createSeenStore(db, ttl),
    feedState: createFeedStateStore(db),
    subscriptions: createSubscriptionStore(db, engine),
    outbox: createOutboxStore(db, engine, ttl),
    stories: createStoryStore(db, ttl, { maxIndexed: opts.maxRecentStories }),
    commitFeed: (w) =>
      db.transaction().execute(async (trx) => {
        await writeStories(trx, w.stories, ttl);
        const added: OutboxEntry[] = [];
        for (const { alert, channels } of w.alerts) added.push(...(await insertOutboxEntries(trx, alert, channels, w.now, ttl)));
        await writeSeen(trx, w.seen, w.now, ttl);
        await writeFeedState(trx, w.feedId, w.state);
        return added;
      }),
  };
}

/** Remembers what the store was at open (its identity record; for SQLite, the file itself). */
async function withIdentityCheck(stores: Stores, file: string | undefined): Promise<Stores> {
  const opened = await stores.db.identity();
  const inode = file === undefined ? undefined : statSync(file).ino;
  const checkIdentity: StoreHandle['checkIdentity'] = async () => {
    // SQLite keeps writing to a deleted file through its open handle: the path tells.
    if (file !== undefined) {
      const now = statSync(file, { throwIfNoEntry: false });
      if (!now) return { same: false, reason: `${file} was deleted` };
      if (now.ino !== inode) return { same: false, reason: `${file} was replaced by another file` };
    }
    const current = await stores.db.identity();
    if (current === opened) return { same: true };
    return { same: false, reason: current === undefined ? 'the store came back empty' : 'the store was replaced by another one' };
  };
  return { ...stores, db: { ...stores.db, checkIdentity } };
}
