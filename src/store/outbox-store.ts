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
  status: 'pending' | 'sent' | 'undeliverable';
  attempts: number;
  enqueuedAt: number;
  nextAttemptAt: number;
  sentAt?: number;
  ref?: MessageRef;
  lastError?: string;
}

export interface OutboxStore {
  /** Records one delivery per channel; returns the entries that were new. */
  enqueue(alert: Alert, channels: ChannelRef[], now: number): Promise<OutboxEntry[]>;
  /** Pending entries whose next attempt is due, oldest first. */
  due(now: number): Promise<OutboxEntry[]>;
  pendingCount(): Promise<number>;
  get(id: string): Promise<OutboxEntry | undefined>;
  markSent(id: string, ref: MessageRef, now: number): Promise<void>;
  markRetry(id: string, error: string, nextAttemptAt: number): Promise<void>;
  markUndeliverable(id: string, error: string): Promise<void>;
}

const PENDING_KEY = 'outbox:pending';
const entryKey = (id: string) => `outbox:${id}`;
export const outboxEntryId = (alertId: string, channel: ChannelRef) => `${alertId}|${channelKey(channel)}`;

/** `retentionMs`: how long finished entries are kept, to refuse re-enqueueing them (the dedup TTL). */
export function createOutboxStore(kv: KeyValueStore, retentionMs: number): OutboxStore {
  const serialized = createSerialQueue();
  const pendingIds = async () => (await kv.get<string[]>(PENDING_KEY)) ?? [];

  const update = (id: string, change: (e: OutboxEntry) => OutboxEntry) =>
    serialized(async () => {
      const entry = await kv.get<OutboxEntry>(entryKey(id));
      if (!entry) return;
      const next = change(entry);
      await kv.set(entryKey(id), next, retentionMs);
      if (next.status !== 'pending') {
        await kv.set(
          PENDING_KEY,
          (await pendingIds()).filter((p) => p !== id),
        );
      }
    });

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
    async due(now) {
      const ids = await pendingIds();
      const entries = await kv.getMany<OutboxEntry>(ids.map(entryKey));
      return entries
        .filter((e): e is OutboxEntry => e !== undefined && e.status === 'pending' && e.nextAttemptAt <= now)
        .sort((a, b) => a.enqueuedAt - b.enqueuedAt);
    },
    async pendingCount() {
      return (await pendingIds()).length;
    },
    get: (id) => kv.get<OutboxEntry>(entryKey(id)),
    markSent: (id, ref, now) => update(id, (e) => ({ ...e, status: 'sent', sentAt: now, ref, attempts: e.attempts + 1 })),
    markRetry: (id, error, nextAttemptAt) =>
      update(id, (e) => ({ ...e, attempts: e.attempts + 1, lastError: error, nextAttemptAt })),
    markUndeliverable: (id, error) =>
      update(id, (e) => ({ ...e, status: 'undeliverable', attempts: e.attempts + 1, lastError: error })),
  };
}
