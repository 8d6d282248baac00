import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { channelKey, type ChannelRef } from '../domain/channel.js';
import type { ChatAdapter, DeliveryOutcome } from '../platforms/chat-adapter.js';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { deliverEntry, type EntryContext } from './deliver-entry.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './retry-policy.js';
import { errorMessage } from '../errors.js';

export interface DeliveryReport {
  sent: number;
  /** Entries still pending when the round ended (waiting for a retry, or behind one). */
  retrying: number;
  undeliverable: number;
}

/** Resolves after `ms`; rejects or resolves early once `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface DeliveryEngineDeps {
  outbox: OutboxStore;
  adapters: ReadonlyMap<string, ChatAdapter>;
  /** Paused when a channel is gone or forbids the bot, so `status` shows why alerts stopped. */
  subscriptions: Pick<SubscriptionStore, 'setPaused'>;
  now: () => number;
  sleep?: Sleep;
  /** For jitter; Math.random by default. */
  random?: () => number;
  log: Logger;
  policy?: Partial<DeliveryPolicy>;
}

export interface DeliveryEngine {
  /**
   * Sends everything due, paced to each channel's limit, and resolves when every channel
   * touched is empty or waiting for a retry longer than `maxInlineWaitMs`. Safe to call
   * while another round runs: a channel already being worked is joined, never doubled.
   */
  deliverDue(): Promise<DeliveryReport>;
  /** A background pump that retries between cycles and picks up what was enqueued. */
  start(): void;
  /** Stops the pump and every channel after its current request; pending entries stay in the outbox. */
  stop(): Promise<void>;
}

interface ChannelWorker {
  done: Promise<void>;
  /** Set when a round found this channel due while it was being worked: look once more before leaving. */
  again: boolean;
}

class Stopped extends Error {}

const MIN_PUMP_WAIT_MS = 1_000;

/**
 * One worker per channel, so order is kept per channel and a slow or failing channel
 * never holds up another. Each worker paces to its channel's limit (and the platform's
 * global cap) so 429s stay rare, and honours a 429's Retry-After when one comes anyway.
 */
export function createDeliveryEngine(deps: DeliveryEngineDeps): DeliveryEngine {
  const { outbox, adapters, now, log } = deps;
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...deps.policy };
  const sleep: Sleep = deps.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const random = deps.random ?? Math.random;
  const stopping = new AbortController();
  // Every waiting channel listens on it: one per channel is expected, not a leak.
  setMaxListeners(0, stopping.signal);
  const workers = new Map<string, ChannelWorker>();
  const channelLimiters = new Map<string, RateLimiter>();
  const platformLimiters = new Map<string, RateLimiter | undefined>();
  const platformBlockedUntil = new Map<string, number>();
  // Platforms whose last post failed transiently (an outage): the first success after it revives their channels.
  const failingPlatforms = new Set<string>();
  const revivals = new Set<Promise<void>>();
  let pump: Promise<void> | undefined;

  const pause = async (ms: number) => {
    if (ms > 0) await sleep(ms, stopping.signal).catch(() => undefined);
    if (stopping.signal.aborted) throw new Stopped();
  };

  function limitersFor(channel: ChannelRef, adapter: ChatAdapter) {
    const key = channelKey(channel);
    let own = channelLimiters.get(key);
    if (!own) channelLimiters.set(key, (own = createRateLimiter(adapter.rateLimit)));
    if (!platformLimiters.has(channel.platform)) {
      const cap = policy.globalLimits[channel.platform];
      platformLimiters.set(channel.platform, cap ? createRateLimiter(cap) : undefined);
    }
    return { own, shared: platformLimiters.get(channel.platform) };
  }

  function entryContext(channel: ChannelRef, adapter: ChatAdapter, report: DeliveryReport): EntryContext {
    const { own, shared } = limitersFor(channel, adapter);
    return {
      outbox,
      adapter,
      now,
      random,
      policy,
      log,
      async pace(what) {
        for (;;) {
          const t = now();
          const at = Math.max(what === 'post' ? own.nextFreeAt(t) : t, platformBlockedUntil.get(channel.platform) ?? 0);
          if (at <= t) break;
          await pause(at - t);
        }
        // The platform's cap is shared by concurrent channels: take a slot, then wait for it.
        if (shared) await pause(shared.reserve(now()) - now());
      },
      async call(what, request) {
        let outcome: DeliveryOutcome;
        try {
          outcome = await request();
        } catch (err) {
          // Adapters should return outcomes; an exception is a bug, but it must not lose the alert.
          outcome = { ok: false, reason: 'transient', message: errorMessage(err) };
        }
        // Counted when the answer is in: the platform counted it on arrival, which was no later.
        const t = now();
        if (what === 'post') own.record(t);
        if (what === 'post' && !outcome.ok && outcome.reason === 'transient') failingPlatforms.add(channel.platform);
        if (what === 'post' && outcome.ok && failingPlatforms.delete(channel.platform)) {
          const revival = revive(channel, report).finally(() => revivals.delete(revival));
          revivals.add(revival);
        }
        if (!outcome.ok && outcome.reason === 'rate-limited') {
          const until = t + (outcome.retryAfterMs ?? policy.defaultRetryAfterMs);
          own.blockUntil(until);
          if (outcome.global) {
            platformBlockedUntil.set(channel.platform, Math.max(until, platformBlockedUntil.get(channel.platform) ?? 0));
          }
        }
        return outcome;
      },
    };
  }

  async function runChannel(key: string, channel: ChannelRef, worker: ChannelWorker, report: DeliveryReport) {
    for (;;) {
      worker.again = false;
      const entries = stopping.signal.aborted ? [] : await outbox.due(now(), channel);
      if (entries.length === 0) {
        if (worker.again && !stopping.signal.aborted) continue;
        // Leave in the same turn as the last look, so a round arriving later starts a new worker.
        workers.delete(key);
        return;
      }
      const adapter = adapters.get(channel.platform);
      if (!adapter) {
        // A subscription for a platform that is not configured (no credentials): keep its alerts.
        await outbox.markRetry(entries[0]!.id, `no ${channel.platform} adapter is running`, now() + policy.noAdapterRetryMs, {
          countAttempt: false,
        });
        log.warn({ channel: key, pending: entries.length }, 'delivery: no adapter for this platform; alerts kept pending');
        continue;
      }
      const ctx = entryContext(channel, adapter, report);
      for (const entry of entries) {
        if (stopping.signal.aborted) break;
        const result = await deliverEntry(entry, ctx);
        if (result.kind === 'sent') report.sent++;
        else if (result.kind === 'undeliverable') report.undeliverable++;
        else if (result.kind === 'channel-dead') {
          report.undeliverable += 1 + (await retireChannel(channel, result.reason, result.message));
          break;
        } else {
          const wait = result.at - now();
          if (wait <= policy.maxInlineWaitMs) await pause(wait);
          // Longer waits are left to the next round (or the pump); the head holds the channel's order.
          break;
        }
      }
    }
  }

  /** The channel is gone or forbids us: drop what is queued for it and pause its subscriptions, in one log line. */
  async function retireChannel(channel: ChannelRef, reason: 'gone' | 'forbidden', message: string): Promise<number> {
    const rest = await outbox.due(Number.POSITIVE_INFINITY, channel);
    for (const entry of rest) await outbox.markUndeliverable(entry.id, `${reason}: ${message} (channel paused)`);
    let paused = 0;
    try {
      paused = await deps.subscriptions.setPaused(channel, true, `${reason}: ${message}`);
    } catch (err) {
      log.error({ channel: channelKey(channel), err }, 'delivery: could not pause the subscriptions');
    }
    log.warn(
      { channel: channelKey(channel), reason, dropped: rest.length + 1, pausedSubscriptions: paused },
      `delivery: channel ${reason} (${message}); its alerts dropped and subscriptions paused`,
    );
    return rest.length;
  }

  /**
   * The platform answers again: the other channels' heads, each waiting out its own backoff from
   * the outage (up to an hour), are due now, so the backlog drains at the platform's pace at once.
   */
  async function revive(recovered: ChannelRef, report: DeliveryReport): Promise<void> {
    const t = now();
    const heads = new Map<string, OutboxEntry>();
    // Everything pending, in enqueue order: the first entry of each channel is its head.
    for (const entry of await outbox.due(Number.POSITIVE_INFINITY)) {
      const key = channelKey(entry.channel);
      if (entry.channel.platform === recovered.platform && key !== channelKey(recovered) && !heads.has(key)) heads.set(key, entry);
    }
    const started: Array<Promise<void>> = [];
    for (const [key, head] of heads) {
      if (head.nextAttemptAt <= t || stopping.signal.aborted) continue;
      await outbox.markRetry(head.id, head.lastError ?? 'waiting for the platform', t, { countAttempt: false, keepInFlight: true });
      const running = workers.get(key);
      if (running) running.again = true;
      else started.push(startWorker(key, head.channel, report).done);
    }
    if (heads.size > 0) log.info({ platform: recovered.platform, channels: heads.size }, 'delivery: platform answers again; its waiting channels resume');
    await Promise.all(started);
  }

  function startWorker(key: string, channel: ChannelRef, report: DeliveryReport): ChannelWorker {
    const worker: ChannelWorker = { again: false, done: Promise.resolve() };
    workers.set(key, worker);
    worker.done = runChannel(key, channel, worker, report).catch((err: unknown) => {
      if (workers.get(key) === worker) workers.delete(key);
      // One channel's failure (a store error, a bug) must not stop the others; its entries stay pending.
      if (!(err instanceof Stopped)) log.error({ channel: key, err }, 'delivery: channel round failed');
    });
    return worker;
  }

  async function deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, undeliverable: 0 };
    if (stopping.signal.aborted) return report;
    const channels = new Map<string, ChannelRef>();
    for (const entry of await outbox.due(now())) channels.set(channelKey(entry.channel), entry.channel);
    await Promise.all(
      [...channels].map(([key, channel]) => {
        const running = workers.get(key);
        if (running) {
          running.again = true;
          return running.done;
        }
        return startWorker(key, channel, report).done;
      }),
    );
    // Channels revived during the round (a platform recovered) belong to it.
    while (revivals.size > 0) await Promise.all([...revivals]);
    report.retrying = await outbox.pendingCount();
    return report;
  }

  return {
    deliverDue,
    start() {
      if (pump || stopping.signal.aborted) return;
      pump = (async () => {
        while (!stopping.signal.aborted) {
          let wait = policy.idlePollMs;
          try {
            await deliverDue();
            const next = await outbox.nextDueAt();
            if (next !== undefined) wait = Math.min(wait, Math.max(MIN_PUMP_WAIT_MS, next - now()));
          } catch (err) {
            log.error({ err }, 'delivery: pump round failed');
          }
          try {
            await pause(wait);
          } catch {
            return;
          }
        }
      })();
    },
    async stop() {
      stopping.abort();
      await pump;
      await Promise.all([...workers.values()].map((w) => w.done));
    },
  };
}
