import type { Alert } from '../domain/alert.js';
import { channelKey, type ChannelRef } from '../domain/channel.js';
import type { MessageRef } from '../platforms/chat-adapter.js';
import type { KeyValueStore } from './key-value-store.js';
import { createSerialQueue } from './serial-queue.js';

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
  /** Records one delivery per channel; returns the entries that were new. */
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
  markInFlight(id: string, now: number): Promise<void>;
  /** An update's reply is out; it stays pending until the root is edited. */
  markReplied(id: string, ref: MessageRef): Promise<void>;
  markSent(id: string, ref: MessageRef, now: number): Promise<void>;
  markRetry(id: string, error: string, nextAttemptAt: number, opts?: RetryOptions): Promise<void>;
  markUndeliverable(id: string, error: string): Promise<void>;
}

const PENDING_KEY = 'outbox:pending';
const RECENT_PER_CHANNEL = 50;
const entryKey = (id: string) => `outbox:${id}`;
const recentKey = (channel: ChannelRef) => `outbox:recent:${channelKey(channel)}`;
const storyRootKey = (storyId: string, channel: ChannelRef) => `outbox:story:${storyId}|${channelKey(channel)}`;
export const outboxEntryId = (alertId: string, channel: ChannelRef) => `${alertId}|${channelKey(channel)}`;
// Channel ids never hold '|', article ids may: the channel is what follows the last one.
const channelKeyOfId = (id: string) => id.slice(id.lastIndexOf('|') + 1);

/** Entries written before `kind` existed read as their alert's kind. */
const normalize = (e: OutboxEntry | undefined): OutboxEntry | undefined =>
  e && e.kind === undefined ? { ...e, kind: e.alert.kind ?? 'new' } : e;

/** `retentionMs`: how long entries are kept, to refuse re-enqueueing them (the dedup TTL). */
export function createOutboxStore(kv: KeyValueStore, retentionMs: number): OutboxStore {
  const serialized = createSerialQueue();
  const pendingIds = async () => (await kv.get<string[]>(PENDING_KEY)) ?? [];
  const getEntry = async (id: string) => normalize(await kv.get<OutboxEntry>(entryKey(id)));

  async function pendingEntries(channel?: ChannelRef): Promise<OutboxEntry[]> {
    let ids = await pendingIds();
    if (channel) {
      const key = channelKey(channel);
      ids = ids.filter((id) => channelKeyOfId(id) === key);
    }
    const entries = await kv.getMany<OutboxEntry>(ids.map(entryKey));
    return entries.map(normalize).filter((e): e is OutboxEntry => e !== undefined && e.status === 'pending');
  }

  async function rememberSent(entry: OutboxEntry) {
    const key = recentKey(entry.channel);
    const recent = [entry.id, ...((await kv.get<string[]>(key)) ?? []).filter((id) => id !== entry.id)];
    await kv.set(key, recent.slice(0, RECENT_PER_CHANNEL), retentionMs);
    if (entry.postedAs === 'post') {
      const rootKey = storyRootKey(entry.alert.storyId, entry.channel);
      if (!(await kv.get(rootKey))) await kv.set(rootKey, entry.id, retentionMs);
    }
  }

  // Finished entries are final: a late mark (a worker that lost a race, a replay) changes nothing.
  const update = (id: string, change: (e: OutboxEntry) => OutboxEntry) =>
    serialized(async () => {
      const entry = await getEntry(id);
      if (!entry || entry.status !== 'pending') return;
      const next = change(entry);
      await kv.set(entryKey(id), next, retentionMs);
      if (next.status === 'pending') return;
      await kv.set(
        PENDING_KEY,
        (await pendingIds()).filter((p) => p !== id),
      );
      if (next.status === 'sent') await rememberSent(next);
    });

  const withoutInFlight = ({ inFlightSince: _f, ...rest }: OutboxEntry): OutboxEntry => rest;

  return {
    enqueue: (alert, channels, now) =>
      serialized(async () => {
        const added: OutboxEntry[] = [];
        const pending = await pendingIds();
        for (const channel of channels) {
          const id = outboxEntryId(alert.id, channel);
          if (await kv.get(entryKey(id))) continue;
          const entry: OutboxEntry = {
            id,
            alert,
            channel,
            kind: alert.kind ?? 'new',
            status: 'pending',
            attempts: 0,
            enqueuedAt: now,
            nextAttemptAt: now,
          };
          // Entry first, then the index: a crash in between leaves an orphan, never a dangling id.
          await kv.set(entryKey(id), entry, retentionMs);
          pending.push(id);
          added.push(entry);
        }
        if (added.length > 0) await kv.set(PENDING_KEY, pending);
        return added;
      }),
    async due(now, channel) {
      const held = new Set<string>();
      const out: OutboxEntry[] = [];
      // The index is in enqueue order; the first waiting entry of a channel closes that channel.
      for (const entry of await pendingEntries(channel)) {
        const key = channelKey(entry.channel);
        if (held.has(key)) continue;
        if (entry.nextAttemptAt > now) held.add(key);
        else out.push(entry);
      }
      return out;
    },
    async nextDueAt() {
      const heads = new Map<string, number>();
      for (const entry of await pendingEntries()) {
        const key = channelKey(entry.channel);
        if (!heads.has(key)) heads.set(key, entry.nextAttemptAt);
      }
      return heads.size === 0 ? undefined : Math.min(...heads.values());
    },
    async pendingCount() {
      return (await pendingIds()).length;
    },
    get: getEntry,
    async findSent(alertId, channel) {
      const entry = await getEntry(outboxEntryId(alertId, channel));
      return entry?.status === 'sent' ? entry : undefined;
    },
    async findStoryRoot(storyId, channel) {
      const id = await kv.get<string>(storyRootKey(storyId, channel));
      const entry = id === undefined ? undefined : await getEntry(id);
      return entry?.status === 'sent' ? entry : undefined;
    },
    async recentForChannel(channel, n) {
      const ids = ((await kv.get<string[]>(recentKey(channel))) ?? []).slice(0, Math.max(0, n));
      const entries = await kv.getMany<OutboxEntry>(ids.map(entryKey));
      return entries.map(normalize).filter((e): e is OutboxEntry => e?.status === 'sent');
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
