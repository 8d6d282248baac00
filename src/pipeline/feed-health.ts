import type { FeedState } from '../domain/feed.js';
import type { FeedPollOutcome } from '../ingest/feed-outcome.js';

export interface HealthPolicy {
  now: number;
  /** The feed's configured interval. */
  intervalMs: number;
  /** Ceiling for backoff and for publisher hints (a bogus <ttl> of a year must not silence a feed). */
  maxDelayMs: number;
}

export type HealthChange = 'recovered' | 'failing' | null;

/**
 * Pure: the feed's next state after one poll. Success polls again after the interval,
 * or later if the publisher asks (max-age, Retry-After, <ttl>); failure backs off
 * exponentially. `change` is set only when health flips, so it is logged once.
 */
export function applyPollOutcome(
  prev: FeedState,
  outcome: FeedPollOutcome,
  { now, intervalMs, maxDelayMs }: HealthPolicy,
): { state: FeedState; change: HealthChange } {
  if (outcome.kind === 'failed') {
    const failures = prev.consecutiveFailures + 1;
    const backoff = Math.min(maxDelayMs, intervalMs * 2 ** Math.min(failures - 1, 16));
    const delay = Math.min(maxDelayMs, Math.max(backoff, outcome.error.retryAfterMs ?? 0));
    return {
      state: {
        ...prev,
        health: 'failing',
        consecutiveFailures: failures,
        lastAttemptAt: now,
        nextPollAt: now + delay,
        lastError: { kind: outcome.error.kind, message: outcome.error.message, at: now },
      },
      change: prev.health === 'failing' ? null : 'failing',
    };
  }
  const { hints } = outcome;
  const floor = Math.max(intervalMs, hints.maxAgeMs ?? 0, hints.retryAfterMs ?? 0, hints.ttlMs ?? 0);
  const state: FeedState = {
    ...prev,
    health: 'ok',
    consecutiveFailures: 0,
    lastAttemptAt: now,
    lastSuccessAt: now,
    nextPollAt: now + Math.min(maxDelayMs, floor),
    // A 304 may omit validators: keep the ones we had.
    etag: hints.etag ?? prev.etag,
    lastModified: hints.lastModified ?? prev.lastModified,
    bodyHash: hints.bodyHash ?? prev.bodyHash,
  };
  delete state.lastError;
  return { state, change: prev.health === 'failing' ? 'recovered' : null };
}

export const isDue = (state: FeedState, now: number) => state.nextPollAt === undefined || state.nextPollAt <= now;
