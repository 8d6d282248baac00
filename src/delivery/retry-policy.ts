import type { ChannelRateLimit } from '../platforms/chat-adapter.js';

/** The knobs of delivery; defaults below, every one overridable (tests, benchmarks). */
export interface DeliveryPolicy {
  /** First retry after a transient failure; doubles per attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A transient failure older than this gives up: the news is stale by then. */
  maxAgeMs: number;
  /** Waits up to this long are slept inside `deliverDue`; longer ones are left to the next round. */
  maxInlineWaitMs: number;
  /** When no Retry-After came with a 429. */
  defaultRetryAfterMs: number;
  /** How far before `inFlightSince` `findPosted` looks: our clock and the platform's differ. */
  findPostedSkewMs: number;
  /** Lookups (`findPosted` answering unknown) before an entry that may have landed is set aside unsent. */
  findPostedMaxTries: number;
  /** A channel whose platform has no adapter running (no credentials) is looked at again after this. */
  noAdapterRetryMs: number;
  /** The background pump wakes at least this often to pick up newly enqueued alerts. */
  idlePollMs: number;
  /** Caps shared by every channel of a platform (Discord: 50 requests per second per bot). */
  globalLimits: Readonly<Record<string, ChannelRateLimit>>;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  retryBaseMs: 2_000,
  retryMaxMs: 60 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  maxInlineWaitMs: 10_000,
  defaultRetryAfterMs: 1_000,
  findPostedSkewMs: 60_000,
  findPostedMaxTries: 8,
  noAdapterRetryMs: 60 * 60_000,
  idlePollMs: 30_000,
  globalLimits: { discord: { messages: 50, perMs: 1_000 } },
};

/**
 * Exponential backoff with "equal jitter": at least half the step, so retries after an
 * outage spread out instead of arriving together, yet never collapse to zero.
 */
export function retryDelayMs(attempts: number, policy: Pick<DeliveryPolicy, 'retryBaseMs' | 'retryMaxMs'>, random: () => number): number {
  const step = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.min(attempts, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}
