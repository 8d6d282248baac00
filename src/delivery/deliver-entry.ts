import type { Logger } from 'pino';
import type { Alert } from '../domain/alert.js';
import { channelKey } from '../domain/channel.js';
import type { ChatAdapter, DeliveryOutcome, FindQuery, FindResult, MessageRef } from '../platforms/chat-adapter.js';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store.js';
import { retryDelayMs, type DeliveryPolicy } from './retry-policy.js';
import { errorMessage } from '../errors.js';

/** What became of one entry; the channel worker decides what happens to the rest of its queue. */
export type EntryResult =
  | { kind: 'sent' }
  | { kind: 'undeliverable' }
  /** The channel waits until `at`; its later entries stay behind this one. */
  | { kind: 'retry'; at: number }
  /** The channel is gone or forbids the bot: drop its queue and pause its subscriptions. */
  | { kind: 'channel-dead'; reason: 'gone' | 'forbidden'; message: string };

export interface EntryContext {
  outbox: OutboxStore;
  adapter: ChatAdapter;
  now: () => number;
  random: () => number;
  policy: DeliveryPolicy;
  log: Logger;
  /** Waits for the channel's and the platform's turn. 'edit' is not counted against the per-channel post limit. */
  pace(what: 'post' | 'edit'): Promise<void>;
  /** Makes one request: an exception becomes a transient failure, and the limiters learn of it. */
  call(what: 'post' | 'edit', request: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome>;
}

type Failure = Extract<DeliveryOutcome, { ok: false }>;

/**
 * Delivers one outbox entry, recording every step before and after it, so a crash at any
 * point either repeats a step the platform drops (same idempotency key) or looks first.
 *  - 'new': post.  'update': reply under the story's root in this channel, then edit the
 *    root ("also reported by …"); no root there (subscribed later, root undeliverable) → post.
 *  - `inFlightSince` set: the last send may have landed; ask `findPosted` before resending
 *    (a reply under its root), and resend only on `absent`.
 */
export async function deliverEntry(entry: OutboxEntry, ctx: EntryContext): Promise<EntryResult> {
  const { outbox, adapter, now } = ctx;
  const key = entry.id;
  let root = entry.kind === 'update' ? await findRoot(entry, outbox) : undefined;

  // The reply is out; only the root edit remains, and editing twice is harmless.
  if (entry.kind === 'update' && entry.ref) {
    return root ? editRoot(entry, root, entry.ref, ctx) : finish(entry, entry.ref, ctx);
  }

  if (entry.inFlightSince !== undefined && adapter.findPosted) {
    const sinceMs = entry.inFlightSince - ctx.policy.findPostedSkewMs;
    const found = await lookUp(adapter, { channelId: entry.channel.id, idempotencyKey: key, sinceMs, ...(root ? { threadOf: root.ref } : {}) });
    if (found.kind === 'unknown') return undecided(entry, found.message, ctx);
    if (found.kind === 'found') {
      ctx.log.info({ channel: channelKey(entry.channel), entry: key }, 'delivery: found after a crash; not resent');
      if (!root) return finish(entry, found.ref, ctx);
      await outbox.markReplied(key, found.ref);
      return editRoot(entry, root, found.ref, ctx);
    }
  }

  const options = { idempotencyKey: key };
  const post = () => ctx.call('post', () => adapter.postAlert(entry.channel.id, entry.alert, options));
  await ctx.pace('post');
  await outbox.markInFlight(key, now());
  let outcome = root
    ? await ctx.call('post', () => adapter.replyToAlert(root!.ref!, entry.alert, options))
    : await post();
  if (root && !outcome.ok && outcome.reason === 'message-gone') {
    // The root message was deleted (the channel is fine): the report becomes a new alert.
    root = undefined;
    await ctx.pace('post');
    outcome = await post();
  }
  if (!outcome.ok) return fail(entry, outcome, ctx);
  if (!root) return finish(entry, outcome.ref, ctx);
  await outbox.markReplied(key, outcome.ref);
  return editRoot(entry, root, outcome.ref, ctx);
}

/** A lookup that throws is as good as one that could not tell. */
async function lookUp(adapter: ChatAdapter, query: FindQuery): Promise<FindResult> {
  try {
    return await adapter.findPosted!(query);
  } catch (err) {
    return { kind: 'unknown', message: errorMessage(err) };
  }
}

/**
 * The last send may have landed and the platform cannot tell us: resending could double, so the
 * entry stays in flight and the lookup is retried with backoff; after `findPostedMaxTries`
 * lookups it is set aside as undeliverable, loudly, for a person to check.
 */
async function undecided(entry: OutboxEntry, message: string, ctx: EntryContext): Promise<EntryResult> {
  const { outbox, now, policy, log } = ctx;
  const where = { channel: channelKey(entry.channel), entry: entry.id, lookups: entry.attempts + 1 };
  if (entry.attempts + 1 >= policy.findPostedMaxTries) {
    await outbox.markUndeliverable(entry.id, `not resent: cannot tell whether it was posted (${message})`);
    log.error(where, `delivery: not resent, since it may have been posted and the platform cannot tell: ${message}`);
    return { kind: 'undeliverable' };
  }
  const at = now() + retryDelayMs(entry.attempts, policy, ctx.random);
  await outbox.markRetry(entry.id, `cannot tell whether it was posted: ${message}`, at, { keepInFlight: true });
  log.warn({ ...where, retryAt: at }, `delivery: cannot tell whether it was posted; will look again: ${message}`);
  return { kind: 'retry', at };
}

async function findRoot(entry: OutboxEntry, outbox: OutboxStore): Promise<(OutboxEntry & { ref: MessageRef }) | undefined> {
  const root =
    (entry.alert.rootAlertId ? await outbox.findSent(entry.alert.rootAlertId, entry.channel) : undefined) ??
    (await outbox.findStoryRoot(entry.alert.storyId, entry.channel));
  return root?.ref && root.id !== entry.id ? (root as OutboxEntry & { ref: MessageRef }) : undefined;
}

async function editRoot(
  entry: OutboxEntry,
  root: OutboxEntry & { ref: MessageRef },
  replyRef: MessageRef,
  ctx: EntryContext,
): Promise<EntryResult> {
  const rootAlert: Alert = { ...root.alert, reportedBy: entry.alert.reportedBy };
  await ctx.pace('edit');
  const outcome = await ctx.call('edit', () => ctx.adapter.updateAlert(root.ref, rootAlert, { idempotencyKey: entry.id }));
  if (!outcome.ok && (outcome.reason === 'rate-limited' || outcome.reason === 'transient')) return fail(entry, outcome, ctx);
  if (!outcome.ok) {
    // The reply went out; a root that can no longer be edited (deleted, too old) only loses its "also reported by".
    ctx.log.warn({ channel: channelKey(entry.channel), entry: entry.id, reason: outcome.reason }, `delivery: root not edited: ${outcome.message}`);
  }
  return finish(entry, replyRef, ctx);
}

async function finish(entry: OutboxEntry, ref: MessageRef, ctx: EntryContext): Promise<EntryResult> {
  await ctx.outbox.markSent(entry.id, ref, ctx.now());
  return { kind: 'sent' };
}

async function fail(entry: OutboxEntry, outcome: Failure, ctx: EntryContext): Promise<EntryResult> {
  const { outbox, now, policy, log } = ctx;
  const where = { channel: channelKey(entry.channel), entry: entry.id, reason: outcome.reason };
  switch (outcome.reason) {
    case 'rate-limited': {
      // Our turn will come: no attempt counted, and a 429 means nothing was posted.
      const at = now() + (outcome.retryAfterMs ?? policy.defaultRetryAfterMs);
      await outbox.markRetry(entry.id, outcome.message, at, { countAttempt: false });
      log.debug({ ...where, retryAt: at }, `delivery: rate-limited: ${outcome.message}`);
      return { kind: 'retry', at };
    }
    case 'transient': {
      if (now() - entry.enqueuedAt > policy.maxAgeMs) {
        await outbox.markUndeliverable(entry.id, `gave up after ${entry.attempts + 1} attempts: ${outcome.message}`);
        log.error({ ...where, attempts: entry.attempts + 1 }, `delivery: gave up: ${outcome.message}`);
        return { kind: 'undeliverable' };
      }
      const at = now() + retryDelayMs(entry.attempts, policy, ctx.random);
      // A timeout or a 5xx may have landed: keep inFlightSince so the retry looks first.
      await outbox.markRetry(entry.id, outcome.message, at, { keepInFlight: true });
      log.warn({ ...where, attempt: entry.attempts + 1, retryAt: at }, `delivery: ${outcome.message}`);
      return { kind: 'retry', at };
    }
    // A new post never answers message-gone; were one to, the alert could not be delivered as it is.
    case 'message-gone':
    case 'bad-payload':
      await outbox.markUndeliverable(entry.id, outcome.message);
      log.error(where, `delivery: undeliverable: ${outcome.message}`);
      return { kind: 'undeliverable' };
    case 'gone':
    case 'forbidden':
      await outbox.markUndeliverable(entry.id, `${outcome.reason}: ${outcome.message}`);
      return { kind: 'channel-dead', reason: outcome.reason, message: outcome.message };
  }
}
