import { sql } from 'kysely';
import type { Subscription } from '../domain/channel.js';
import type { FeedState } from '../domain/feed.js';
import type { StoryRecord } from '../stories/story-record.js';
import { chunks, type Db } from './db.js';
import { writeFeedState } from './feed-state-store.js';
import { importOutboxEntries, type OutboxEntry } from './outbox-store.js';
import { writeSubscription } from './subscription-store.js';
import { writeStories } from './story-store.js';

/** What a 0.1 store held, as imported. */
export interface LegacyImport {
  subscriptions: number;
  seen: number;
  outbox: number;
  pending: number;
  feeds: number;
  stories: number;
}

// 0.1 wrote everything through keyv's SQLite adapter into one table: key `peacewatch:<name>`,
// value `{"value":…,"expires":ms|null}` as JSON.
const LEGACY_TABLE = 'keyv';
const PREFIX = 'peacewatch:';
const IMPORTED = 'imported_0_1';

interface Row {
  key: string;
  value: unknown;
  expires: number | undefined;
}

/**
 * A 0.1 store in the same SQLite file is imported once, on the first start of this version,
 * in one transaction: subscriptions and the config-seed memory, seen records, outbox entries
 * (pending ones keep their order and state; sent ones keep dedup and story threads working),
 * feed state and stories. Expired rows are left behind. The `keyv` table itself is kept as it
 * was, so the import can be checked or redone by hand; it is never read again.
 */
export async function importLegacyStore(db: Db, now: number, ttlMs: number): Promise<LegacyImport | undefined> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === LEGACY_TABLE)) return undefined;
  if (await db.selectFrom('meta').select('key').where('key', '=', IMPORTED).executeTakeFirst()) return undefined;

  const raw = await sql<{ key: string; value: string | null }>`select key, value from ${sql.table(LEGACY_TABLE)}`.execute(db);
  const rows = new Map<string, Row>();
  for (const r of raw.rows) {
    if (!r.key.startsWith(PREFIX) || r.value === null) continue;
    const parsed = parseKeyvValue(r.value);
    if (parsed === undefined || (parsed.expires !== undefined && parsed.expires <= now)) continue;
    rows.set(r.key.slice(PREFIX.length), { key: r.key.slice(PREFIX.length), ...parsed });
  }
  const value = <T>(name: string): T | undefined => rows.get(name)?.value as T | undefined;
  const named = (prefix: string) => [...rows.values()].filter((r) => r.key.startsWith(prefix));

  return db.transaction().execute(async (trx) => {
    const counts: LegacyImport = { subscriptions: 0, seen: 0, outbox: 0, pending: 0, feeds: 0, stories: 0 };
    for (const sub of value<Subscription[]>('subscriptions') ?? []) {
      await writeSubscription(trx, sub);
      counts.subscriptions++;
    }
    const seeded = value<string[]>('subscriptions:seeded') ?? [];
    for (const part of chunks(seeded)) {
      await trx.insertInto('subscription_seeds').values(part.map((key) => ({ key }))).onConflict((oc) => oc.doNothing()).execute();
    }

    const seen = [...named('seen:'), ...named('seen-url:')];
    for (const part of chunks(seen)) {
      await trx
        .insertInto('seen')
        .values(part.map((r) => ({ key: r.key, expires_at: r.expires ?? now + ttlMs })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    counts.seen = seen.length;

    // Pending entries first, in the order of 0.1's pending index (delivery keeps it per channel);
    // then the finished ones, oldest first.
    const pendingOrder = new Map((value<string[]>('outbox:pending') ?? []).map((id, i) => [id, i]));
    const entries = named('outbox:')
      .filter((r) => !r.key.startsWith('outbox:recent:') && !r.key.startsWith('outbox:story:') && r.key !== 'outbox:pending')
      .map((r) => r.value as OutboxEntry)
      // A pending entry missing from 0.1's index (its crash hole between two writes) is imported
      // as pending too: that alert is delivered now instead of lost.
      .filter((e) => e && typeof e.id === 'string' && e.alert !== undefined);
    const rank = (e: OutboxEntry) => (e.status === 'pending' ? (pendingOrder.get(e.id) ?? pendingOrder.size) : Number.MAX_SAFE_INTEGER);
    entries.sort((a, b) => rank(a) - rank(b) || a.enqueuedAt - b.enqueuedAt);
    await importOutboxEntries(trx, entries, ttlMs);
    counts.outbox = entries.length;
    counts.pending = entries.filter((e) => e.status === 'pending').length;

    for (const r of named('feed:')) {
      await writeFeedState(trx, r.key.slice('feed:'.length), r.value as FeedState);
      counts.feeds++;
    }
    const stories = named('story:').map((r) => r.value as StoryRecord).filter((s) => s && typeof s.id === 'string');
    await writeStories(trx, stories, ttlMs);
    counts.stories = stories.length;

    await trx.insertInto('meta').values({ key: IMPORTED, value: JSON.stringify({ at: now, ...counts }) }).execute();
    return counts;
  });
}

/** keyv's serialized form; a string value starting with ':' was escaped with one more ':'. */
function parseKeyvValue(text: string): Omit<Row, 'key'> | undefined {
  try {
    const data = JSON.parse(text) as { value?: unknown; expires?: number | null };
    const value = typeof data.value === 'string' && data.value.startsWith('::') ? data.value.slice(1) : data.value;
    return { value, expires: typeof data.expires === 'number' ? data.expires : undefined };
  } catch {
    return undefined;
  }
}
