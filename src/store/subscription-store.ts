import { sql } from 'kysely';
import { channelKey, targetKey, type ChannelRef, type Subscription, type SubscriptionTarget } from '../domain/channel.js';
import type { Engine } from './database.js';
import type { Db } from './db.js';

/** Channel subscriptions: one row per channel and target. */
export interface SubscriptionStore {
  list(): Promise<Subscription[]>;
  listForChannel(channel: ChannelRef): Promise<Subscription[]>;
  /** Adds or replaces the subscription of this channel to this target. */
  upsert(sub: Subscription): Promise<void>;
  /**
   * Adds or replaces it unless that would pass a limit: more than `perChannel` subscriptions in its
   * channel or, for a new keyword, more keywords than allowed in the channel or on its platform.
   * The counts and the insert are one transaction, so concurrent subscribes cannot pass a limit.
   */
  subscribe(sub: Subscription, limits: SubscribeLimits): Promise<SubscribeResult>;
  remove(channel: ChannelRef, target: SubscriptionTarget): Promise<boolean>;
  /** Pause or resume every subscription of a channel (a user's pause, or a channel that is gone). */
  setPaused(channel: ChannelRef, paused: boolean, reason?: string): Promise<number>;
  /**
   * Add config seeds once: a seed removed later by a user is not re-added on restart.
   * Returns how many were added.
   */
  seed(subs: Subscription[]): Promise<number>;
}

export interface SubscribeLimits {
  perChannel: number;
  /** Keywords one channel may follow (every keyword is matched against every article). */
  keywordsPerChannel?: number;
  /** Keywords all channels of one platform may follow together (subscriptions carry no workspace id). */
  keywordsPerPlatform?: number;
}

export type SubscribeResult =
  | { kind: 'added' }
  | { kind: 'replaced' }
  | { kind: 'limit'; count: number }
  | { kind: 'keyword-limit'; scope: 'channel' | 'platform'; count: number };

export const subscriptionKey = (s: { channel: ChannelRef; target: SubscriptionTarget }) =>
  `${channelKey(s.channel)}|${targetKey(s.target)}`;

const parse = (rows: Array<{ data: string }>) => rows.map((r) => JSON.parse(r.data) as Subscription);

/** Writes one subscription at the end of the order; `db` is a transaction. */
export async function writeSubscription(db: Db, sub: Subscription): Promise<void> {
  const { max } = await db
    .selectFrom('subscriptions')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirstOrThrow();
  const row = {
    channel_key: channelKey(sub.channel),
    target_key: targetKey(sub.target),
    position: Number(max ?? 0) + 1,
    data: JSON.stringify(sub),
  };
  await db
    .insertInto('subscriptions')
    .values(row)
    .onConflict((oc) => oc.columns(['channel_key', 'target_key']).doUpdateSet({ position: row.position, data: row.data }))
    .execute();
}

/** Keyword counts inside the caller's transaction, so they hold under concurrent subscribes. */
async function keywordLimit(
  trx: Db,
  channel: ChannelRef,
  inChannel: Subscription[],
  limits: SubscribeLimits,
): Promise<SubscribeResult | undefined> {
  const isKeyword = (s: Subscription) => s.target.kind === 'keyword';
  const channelCount = inChannel.filter(isKeyword).length;
  if (limits.keywordsPerChannel !== undefined && channelCount >= limits.keywordsPerChannel) {
    return { kind: 'keyword-limit', scope: 'channel', count: channelCount };
  }
  if (limits.keywordsPerPlatform === undefined) return undefined;
  const onPlatform = parse(
    await trx.selectFrom('subscriptions').select('data').where('channel_key', 'like', `${channel.platform}:%`).execute(),
  ).filter((s) => isKeyword(s) && s.channel.platform === channel.platform).length;
  return onPlatform >= limits.keywordsPerPlatform ? { kind: 'keyword-limit', scope: 'platform', count: onPlatform } : undefined;
}

export function createSubscriptionStore(db: Db, engine: Engine): SubscriptionStore {
  // SQLite runs one transaction at a time on its one connection; on PostgreSQL the writers
  // (a limit check and its insert, the order column) queue behind a transaction-scoped lock.
  const lock = async (trx: Db) => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('peacewatch:subscriptions'))`.execute(trx);
  };
  const forChannel = async (trx: Db, key: string) =>
    parse(await trx.selectFrom('subscriptions').select('data').where('channel_key', '=', key).orderBy('position').execute());

  return {
    list: async () => parse(await db.selectFrom('subscriptions').select('data').orderBy('position').execute()),
    listForChannel: (channel) => forChannel(db, channelKey(channel)),
    upsert: (sub) =>
      db.transaction().execute(async (trx) => {
        await lock(trx);
        await writeSubscription(trx, sub);
      }),
    subscribe: (sub, limits) =>
      db.transaction().execute(async (trx): Promise<SubscribeResult> => {
        await lock(trx);
        const existing = await forChannel(trx, channelKey(sub.channel));
        const key = targetKey(sub.target);
        const replaces = existing.some((s) => targetKey(s.target) === key);
        if (!replaces && existing.length >= limits.perChannel) return { kind: 'limit', count: existing.length };
        if (!replaces && sub.target.kind === 'keyword') {
          const refusal = await keywordLimit(trx, sub.channel, existing, limits);
          if (refusal) return refusal;
        }
        await writeSubscription(trx, sub);
        return { kind: replaces ? 'replaced' : 'added' };
      }),
    async remove(channel, target) {
      const result = await db
        .deleteFrom('subscriptions')
        .where('channel_key', '=', channelKey(channel))
        .where('target_key', '=', targetKey(target))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    setPaused: (channel, paused, reason) =>
      db.transaction().execute(async (trx) => {
        const key = channelKey(channel);
        await lock(trx);
        let changed = 0;
        for (const s of await forChannel(trx, key)) {
          if (Boolean(s.paused) === paused) continue;
          changed++;
          const { pausedReason: _r, ...rest } = s;
          const next: Subscription = paused
            ? { ...rest, paused: true, ...(reason ? { pausedReason: reason } : {}) }
            : { ...rest, paused: false };
          await trx
            .updateTable('subscriptions')
            .set({ data: JSON.stringify(next) })
            .where('channel_key', '=', key)
            .where('target_key', '=', targetKey(s.target))
            .execute();
        }
        return changed;
      }),
    seed: (seeds) =>
      db.transaction().execute(async (trx) => {
        await lock(trx);
        const seeded = new Set((await trx.selectFrom('subscription_seeds').select('key').execute()).map((r) => r.key));
        const present = new Set(
          (await trx.selectFrom('subscriptions').select(['channel_key', 'target_key']).execute()).map(
            (r) => `${r.channel_key}|${r.target_key}`,
          ),
        );
        let added = 0;
        for (const seed of seeds) {
          const k = subscriptionKey(seed);
          if (seeded.has(k)) continue;
          seeded.add(k);
          await trx.insertInto('subscription_seeds').values({ key: k }).onConflict((oc) => oc.doNothing()).execute();
          if (!present.has(k)) {
            await writeSubscription(trx, seed);
            present.add(k);
            added++;
          }
        }
        return added;
      }),
  };
}
