import { channelKey, targetKey, type ChannelRef, type Subscription, type SubscriptionTarget } from '../domain/channel.js';
import type { KeyValueStore } from './key-value-store.js';
import { createSerialQueue } from './serial-queue.js';

/**
 * Channel subscriptions. Small enough to live under one key; writes are serialized
 * in-process so two slash commands never overwrite each other.
 */
export interface SubscriptionStore {
  list(): Promise<Subscription[]>;
  listForChannel(channel: ChannelRef): Promise<Subscription[]>;
  /** Adds or replaces the subscription of this channel to this target. */
  upsert(sub: Subscription): Promise<void>;
  remove(channel: ChannelRef, target: SubscriptionTarget): Promise<boolean>;
  /** Pause or resume every subscription of a channel (a user's pause, or a channel that is gone). */
  setPaused(channel: ChannelRef, paused: boolean, reason?: string): Promise<number>;
  /**
   * Add config seeds once: a seed removed later by a user is not re-added on restart.
   * Returns how many were added.
   */
  seed(subs: Subscription[]): Promise<number>;
}

const SUBS_KEY = 'subscriptions';
const SEEDED_KEY = 'subscriptions:seeded';
const subKey = (s: { channel: ChannelRef; target: SubscriptionTarget }) => `${channelKey(s.channel)}|${targetKey(s.target)}`;

export function createSubscriptionStore(kv: KeyValueStore): SubscriptionStore {
  const serialized = createSerialQueue();
  const read = async () => (await kv.get<Subscription[]>(SUBS_KEY)) ?? [];

  return {
    list: read,
    async listForChannel(channel) {
      const key = channelKey(channel);
      return (await read()).filter((s) => channelKey(s.channel) === key);
    },
    upsert: (sub) =>
      serialized(async () => {
        const subs = (await read()).filter((s) => subKey(s) !== subKey(sub));
        subs.push(sub);
        await kv.set(SUBS_KEY, subs);
      }),
    remove: (channel, target) =>
      serialized(async () => {
        const subs = await read();
        const kept = subs.filter((s) => subKey(s) !== subKey({ channel, target }));
        if (kept.length === subs.length) return false;
        await kv.set(SUBS_KEY, kept);
        return true;
      }),
    setPaused: (channel, paused, reason) =>
      serialized(async () => {
        const key = channelKey(channel);
        let changed = 0;
        const subs = (await read()).map((s) => {
          if (channelKey(s.channel) !== key || Boolean(s.paused) === paused) return s;
          changed++;
          const { pausedReason: _r, ...rest } = s;
          return paused ? { ...rest, paused: true, ...(reason ? { pausedReason: reason } : {}) } : { ...rest, paused: false };
        });
        if (changed > 0) await kv.set(SUBS_KEY, subs);
        return changed;
      }),
    seed: (seeds) =>
      serialized(async () => {
        const seeded = new Set((await kv.get<string[]>(SEEDED_KEY)) ?? []);
        const subs = await read();
        const present = new Set(subs.map(subKey));
        let added = 0;
        for (const seed of seeds) {
          const k = subKey(seed);
          if (seeded.has(k)) continue;
          seeded.add(k);
          if (!present.has(k)) {
            subs.push(seed);
            present.add(k);
            added++;
          }
        }
        await kv.set(SUBS_KEY, subs);
        await kv.set(SEEDED_KEY, [...seeded]);
        return added;
      }),
  };
}
