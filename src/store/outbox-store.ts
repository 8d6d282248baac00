import type { Alert } from '../domain/alert.js';
import type { LatencySample } from '../domain/latency.js';
import { channelKey, type ChannelRef } from '../domain/channel.js';
import type { MessageRef } from '../platforms/chat-adapter.js';
import type { Engine } from './database.js';
import { chunks, type Db } from './db.js';

/**
 * Every delivery is written here before it is attempted, and marked sent after, so a
 * crash or a chat outage never loses an alert; a delivery already recorded (pending
 * or sent) is never enqueued twice.
 */
export interface OutboxEntry {
  /** `${alert.id}|${platform}:${channelId}`: also the idempotency key sent to the platform. */
  id: string;
  alert: Alert;
  channel: ChannelRef;
  /** From the alert: 'new' is posted; 'update' is a reply under the story's root message, which is then edited. */
  kind: 'new' | 'update';
  status: 'pending' | 'sent' | 'undeliverable';
  attempts: number;
  enqueuedAt: number;
  nextAttemptAt: number;
  /**
   * Set just before a send, cleared by an outcome that says whether it landed. Found set
   * after a restart (or after a timeout), the send is ambiguous: look before resending.
   */
  inFlightSince?: number;
  sentAt?: number;
  /** The message this delivery made. For an update, set once its reply is out (the root edit may still be due). */
  ref?: MessageRef;
  /** 'post': a top-level message, the story's root in this channel; 'reply': in the root's thread. */
  postedAs?: 'post' | 'reply';
  lastError?: string;
}

export interface RetryOptions {
  /** False for a rate limit: waiting our turn is not a failure (default true). */
  countAttempt?: boolean;
  /** True when the send may have landed (a timeout, a 5xx): the next try looks first (default false). */
  keepInFlight?: boolean;
}

export interface OutboxStore {
  /** Records one delivery per channel in one insert (a delivery is pending once its row is there); returns the entries that were new. */
  enqueue(alert: Alert, channels: ChannelRef[], now: number): Promise<OutboxEntry[]>;
  /**
   * Pending entries whose attempt is due, in enqueue order. A channel whose oldest pending
   * entry is waiting for a retry holds back its later ones, so order is kept per channel.
   */
  due(now: number, channel?: ChannelRef): Promise<OutboxEntry[]>;
  /** When the earliest channel becomes due again; undefined when nothing is pending. */
  nextDueAt(): Promise<number | undefined>;
  pendingCount(): Promise<number>;
  get(id: string): Promise<OutboxEntry | undefined>;
  /** The sent delivery of this alert to this channel (an update's root message). */
  findSent(alertId: string, channel: ChannelRef): Promise<OutboxEntry | undefined>;
  /** The first top-level message of a story in a channel: the root, or an update posted as new there. */
  findStoryRoot(storyId: string, channel: ChannelRef): Promise<OutboxEntry | undefined>;
  /** Sent entries of a channel, newest first (at most the last 50 are kept). For `/peacewatch latest`. */
  recentForChannel(channel: ChannelRef, n: number): Promise<OutboxEntry[]>;
  /** Deliveries posted at or after `since` (the newest MAX_LATENCY_SAMPLES), as latency samples. */
  postedSince(since: number): Promise<LatencySample[]>;
  markInFlight(id: string, now: number): Promise<void>;
  /** An update's reply is out; it stays pending until the root is edited. */
  markReplied(id: string, ref: MessageRef): Promise<void>;
  markSent(id: string, ref: MessageRef, now: number): Promise<void>;
  markRetry(id: string, error: string, nextAttemptAt: number, opts?: RetryOptions): Promise<void>;
  markUndeliverable(id: string, error: string): Promise<void>;
}

const RECENT_PER_CHANNEL = 50;
/** A day of alerts is hundreds; the bound keeps a status reply cheap whatever the volume. */
export const MAX_LATENCY_SAMPLES = 20_000;
export const outboxEntryId = (alertId: string, channel: ChannelRef) => `${alertId}|${channelKey(channel)}`;

/** Entries written before `kind` existed read as their alert's kind. */
const normalize = (e: OutboxEntry): OutboxEntry => (e.kind === undefined ? { ...e, kind: e.alert.kind ?? 'new' } : e);
const parse = (row: { entry: string } | undefined): OutboxEntry | undefined =>
  row === undefined ? undefined : normalize(JSON.parse(row.entry) as OutboxEntry);
const parseAll = (rows: Array<{ entry: string }>) => rows.map((r) => normalize(JSON.parse(r.entry) as OutboxEntry));

/** An undated article's publishedAt is its first-seen time: it counts as undated. */
export function latencySampleOf(e: OutboxEntry, postedAt: number): LatencySample {
  const { article } = e.alert;
  const published = article.publishedAtIsFirstSeen ? undefined : Date.parse(article.publishedAt);
  return {
    feedId: article.feedId,
    publishedAt: published === undefined || Number.isNaN(published) ? undefined : published,
    firstSeenAt: e.alert.firstSeenAt ?? e.alert.createdAt,
    postedAt,
  };
}

/** The indexed columns of an entry, derived from it: the JSON and the columns never disagree. */
function columnsOf(e: OutboxEntry, retentionMs: number) {
  return {
    status: e.status,
    next_attempt_at: e.nextAttemptAt,
    sent_at: e.sentAt ?? null,
    posted_as: e.postedAs ?? null,
    // Finished entries are kept for the dedup TTL from when they finished; pending ones until they finish.
    expires_at: (e.status === 'pending' ? e.enqueuedAt : (e.sentAt ?? Date.now())) + retentionMs,
    entry: JSON.stringify(e),
  };
}

/** One insert for all channels; ids already present (pending or finished) are left alone. */
export async function insertOutboxEntries(
  db: Db,
  alert: Alert,
  channels: readonly ChannelRef[],
  now: number,
  retentionMs: number,
): Promise<OutboxEntry[]> {
  if (channels.length === 0) return [];
  const entries = channels.map(
    (channel): OutboxEntry => ({
      id: outboxEntryId(alert.id, channel),
      alert,
      channel,
      kind: alert.kind ?? 'new',
      status: 'pending',
      attempts: 0,
      enqueuedAt: now,
      nextAttemptAt: now,
    }),
  );
  const added = new Set<string>();
  for (const part of chunks(entries)) {
    const rows = await db
      .insertInto('outbox')
      .values(
        part.map((e) => ({
          id: e.id,
          channel_key: channelKey(e.channel),
          story_id: alert.storyId,
          enqueued_at: now,
          ...columnsOf(e, retentionMs),
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    for (const r of rows) added.add(r.id);
  }
  return entries.filter((e) => added.has(e.id));
}

/** Entries as they were (a 0.1 store's), in the order given; ids already present are left alone. */
export async function importOutboxEntries(db: Db, entries: readonly OutboxEntry[], retentionMs: number): Promise<void> {
  for (const part of chunks(entries.map(normalize))) {
    await db
      .insertInto('outbox')
      .values(
        part.map((e) => ({
          id: e.id,
          channel_key: channelKey(e.channel),
          story_id: e.alert.storyId,
          enqueued_at: e.enqueuedAt,
          ...columnsOf(e, retentionMs),
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** `retentionMs`: how long finished entries are kept, to refuse re-enqueueing them (the dedup TTL). */
export function createOutboxStore(db: Db, engine: Engine, retentionMs: number): OutboxStore {
  const getEntry = async (id: string) =>
    parse(await db.selectFrom('outbox').select('entry').where('id', '=', id).executeTakeFirst());

  const pendingEntries = async (channel?: ChannelRef) =>
    parseAll(
      await db
        .selectFrom('outbox')
        .select('entry')
        .where('status', '=', 'pending')
        .$if(channel !== undefined, (qb) => qb.where('channel_key', '=', channelKey(channel!)))
        .orderBy('seq')
        .execute(),
    );

  // Finished entries are final: a late mark (a worker that lost a race, a replay) changes nothing.
  const update = (id: string, change: (e: OutboxEntry) => OutboxEntry) =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('outbox')
        .select('entry')
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .$if(engine === 'postgres', (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row) return;
      const next = change(parse(row)!);
      await trx.updateTable('outbox').set(columnsOf(next, retentionMs)).where('id', '=', id).execute();
    });

  const withoutInFlight = ({ inFlightSince: _f, ...rest }: OutboxEntry): OutboxEntry => rest;

  return {
    enqueue: (alert, channels, now) => insertOutboxEntries(db, alert, channels, now, retentionMs),
    async due(now, channel) {
      const held = new Set<string>();
      const out: OutboxEntry[] = [];
      // In enqueue order; the first waiting entry of a channel closes that channel.
      for (const entry of await pendingEntries(channel)) {
        const key = channelKey(entry.channel);
        if (held.has(key)) continue;
        if (entry.nextAttemptAt > now) held.add(key);
        else out.push(entry);
      }
      return out;
    },
    async nextDueAt() {
      const rows = await db
        .selectFrom('outbox')
        .select(['channel_key', 'next_attempt_at'])
        .where('status', '=', 'pending')
        .orderBy('seq')
        .execute();
      const heads = new Map<string, number>();
      for (const r of rows) if (!heads.has(r.channel_key)) heads.set(r.channel_key, r.next_attempt_at);
      return heads.size === 0 ? undefined : Math.min(...heads.values());
    },
    async pendingCount() {
      const { n } = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      return Number(n);
    },
    get: getEntry,
    async findSent(alertId, channel) {
      const entry = await getEntry(outboxEntryId(alertId, channel));
      return entry?.status === 'sent' ? entry : undefined;
    },
    async findStoryRoot(storyId, channel) {
      const row = await db
        .selectFrom('outbox')
        .select('entry')
        .where('story_id', '=', storyId)
        .where('channel_key', '=', channelKey(channel))
        .where('status', '=', 'sent')
        .where('posted_as', '=', 'post')
        .orderBy('sent_at')
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      return parse(row);
    },
    async recentForChannel(channel, n) {
      const limit = Math.max(0, Math.min(n, RECENT_PER_CHANNEL));
      if (limit === 0) return [];
      return parseAll(
        await db
          .selectFrom('outbox')
          .select('entry')
          .where('channel_key', '=', channelKey(channel))
          .where('status', '=', 'sent')
          .orderBy('sent_at', 'desc')
          .orderBy('seq', 'desc')
          .limit(limit)
          .execute(),
      );
    },
    async postedSince(since) {
      const rows = await db
        .selectFrom('outbox')
        .select('entry')
        .where('status', '=', 'sent')
        .where('sent_at', '>=', since)
        .orderBy('sent_at', 'desc')
        .limit(MAX_LATENCY_SAMPLES)
        .execute();
      return parseAll(rows).flatMap((e) => (e.sentAt === undefined ? [] : [latencySampleOf(e, e.sentAt)]));
    },
    // The earliest send of an unresolved streak is kept: that is where `findPosted` must look from.
    markInFlight: (id, now) => update(id, (e) => ({ ...e, inFlightSince: e.inFlightSince ?? now })),
    markReplied: (id, ref) => update(id, (e) => ({ ...withoutInFlight(e), ref, postedAs: 'reply' })),
    markSent: (id, ref, now) =>
      update(id, (e) => ({
        ...withoutInFlight(e),
        status: 'sent',
        sentAt: now,
        ref,
        postedAs: e.postedAs ?? 'post',
        attempts: e.attempts + 1,
      })),
    markRetry: (id, error, nextAttemptAt, opts = {}) =>
      update(id, (e) => ({
        ...(opts.keepInFlight ? e : withoutInFlight(e)),
        attempts: e.attempts + (opts.countAttempt === false ? 0 : 1),
        lastError: error,
        nextAttemptAt,
      })),
    markUndeliverable: (id, error) =>
      update(id, (e) => ({ ...withoutInFlight(e), status: 'undeliverable', attempts: e.attempts + 1, lastError: error })),
  };
}
