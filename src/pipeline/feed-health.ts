import type { Article } from '../domain/article.js';
import { formatInterval as formatMinutes, type FeedState } from '../domain/feed.js';
import type { FeedPollOutcome } from '../ingest/feed-outcome.js';

/** How a feed's interval is chosen (config `polling`). */
export interface PollingPolicy {
  /** Learn the interval from the feed's publication rate; false: always the configured interval. */
  adaptive: boolean;
  minIntervalMs: number;
  maxIntervalMs: number;
}

export interface HealthPolicy {
  now: number;
  /** The feed's configured interval: the fixed one, or the start before a rate is learned. */
  intervalMs: number;
  /** Ceiling for backoff and for publisher hints (a bogus <ttl> of a year must not silence a feed). */
  maxDelayMs: number;
  /** Absent: the configured interval, as with adaptive false. */
  polling?: PollingPolicy;
}

export type HealthChange = 'recovered' | 'failing' | null;

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
/** Publication times kept per feed: enough for a busy wire's week, small in the state row. */
const MAX_PUBLISHED_TIMES = 64;


/** The dated items' publication times, newest first, at most MAX_PUBLISHED_TIMES. */
export function publishedTimes(articles: readonly Article[], now: number): number[] {
  const times: number[] = [];
  for (const a of articles) {
    if (a.publishedAtIsFirstSeen) continue; // an undated item says nothing about the publisher's rate
    const t = Date.parse(a.publishedAt);
    if (Number.isFinite(t) && t <= now) times.push(t);
  }
  return times.sort((x, y) => y - x).slice(0, MAX_PUBLISHED_TIMES);
}

/**
 * The interval the feed's own publication rate asks for, as Miniflux's entry-frequency scheduler
 * computes it: a week divided by the entries of the last week, within [min, max], the max when the
 * week had none. One difference: a feed that lists only its newest items (every one within the week)
 * shows a shorter window than a week, so the rate is counted over that window, not over seven days
 * — 40 items in 6 hours is a wire, not 40 items a week.
 */
export function learnedInterval(times: readonly number[], now: number, bounds: PollingPolicy): { ms: number; reason: string } {
  const inWeek = times.filter((t) => t > now - WEEK);
  if (inWeek.length === 0) return { ms: bounds.maxIntervalMs, reason: 'no item in the last 7 days' };
  const oldest = Math.min(...inWeek);
  const coversWeek = inWeek.length < 2 || inWeek.length < times.length;
  const windowMs = coversWeek ? WEEK : Math.max(now - oldest, MINUTE);
  const raw = windowMs / inWeek.length;
  const ms = Math.min(bounds.maxIntervalMs, Math.max(bounds.minIntervalMs, raw));
  const bound = ms === bounds.minIntervalMs && raw < ms ? ', at polling.minIntervalMinutes' : ms === bounds.maxIntervalMs && raw > ms ? ', at polling.maxIntervalMinutes' : '';
  return { ms, reason: `learned: ${inWeek.length} item${inWeek.length === 1 ? '' : 's'} in ${formatMinutes(windowMs)}${bound}` };
}

interface Floors {
  maxAgeMs?: number;
  retryAfterMs?: number;
  ttlMs?: number;
}

/** The base interval raised to the publisher's floors (none ever polled below), then capped at maxDelayMs. */
function withFloors(base: { ms: number; reason: string }, floors: Floors, maxDelayMs: number): { ms: number; reason: string } {
  let chosen = base;
  const candidates: Array<[number | undefined, string]> = [
    [floors.ttlMs, 'publisher <ttl>'],
    [floors.maxAgeMs, 'Cache-Control max-age'],
    [floors.retryAfterMs, 'Retry-After'],
  ];
  for (const [ms, name] of candidates) {
    if (ms !== undefined && ms > chosen.ms) chosen = { ms, reason: `${name} of ${formatMinutes(ms)} (${base.reason})` };
  }
  if (chosen.ms > maxDelayMs) return { ms: maxDelayMs, reason: `${chosen.reason}, capped at polling.maxBackoffMinutes` };
  return chosen;
}

/**
 * Pure: the feed's next state after one poll. Success polls again after the feed's interval —
 * learned from its publication rate when polling is adaptive, else the configured one — or later if
 * the publisher asks (max-age, Retry-After, <ttl>); failure backs off exponentially. The interval
 * and the reason for it are kept in the state for `status`. `change` is set only when health flips,
 * so it is logged once.
 */
export function applyPollOutcome(
  prev: FeedState,
  outcome: FeedPollOutcome,
  { now, intervalMs, maxDelayMs, polling }: HealthPolicy,
): { state: FeedState; change: HealthChange } {
  if (outcome.kind === 'failed') {
    const failures = prev.consecutiveFailures + 1;
    const base = prev.pollIntervalMs ?? intervalMs;
    const backoff = Math.min(maxDelayMs, base * 2 ** Math.min(failures - 1, 16));
    const delay = Math.min(maxDelayMs, Math.max(backoff, outcome.error.retryAfterMs ?? 0));
    return {
      state: {
        ...prev,
        health: 'failing',
        consecutiveFailures: failures,
        lastAttemptAt: now,
        nextPollAt: now + delay,
        pollReason: `backoff after ${failures} failure${failures === 1 ? '' : 's'}${delay > backoff ? ' (Retry-After)' : ''}`,
        lastError: { kind: outcome.error.kind, message: outcome.error.message, at: now },
      },
      change: prev.health === 'failing' ? null : 'failing',
    };
  }
  const { hints } = outcome;
  // A 304 or an unchanged body carries no items: the times of the last parse still count, aging.
  const times = outcome.kind === 'ok' ? publishedTimes(outcome.articles, now) : (prev.publishedTimes ?? []);
  // <ttl> lives in the body, so a poll that did not parse keeps the last one seen.
  const ttlMs = outcome.kind === 'ok' ? hints.ttlMs : prev.publisherTtlMs;
  const base =
    polling?.adaptive === true
      ? learnedInterval(times, now, polling)
      : { ms: intervalMs, reason: 'configured intervalMinutes' };
  const next = withFloors(base, { maxAgeMs: hints.maxAgeMs, retryAfterMs: hints.retryAfterMs, ttlMs }, maxDelayMs);
  const state: FeedState = {
    ...prev,
    health: 'ok',
    consecutiveFailures: 0,
    lastAttemptAt: now,
    lastSuccessAt: now,
    nextPollAt: now + next.ms,
    pollIntervalMs: next.ms,
    pollReason: next.reason,
    // A 304 may omit validators: keep the ones we had.
    etag: hints.etag ?? prev.etag,
    lastModified: hints.lastModified ?? prev.lastModified,
    bodyHash: hints.bodyHash ?? prev.bodyHash,
  };
  if (polling?.adaptive === true) state.publishedTimes = times;
  // Hubs are named in the body or its headers: a poll that did not parse keeps what was found.
  if (outcome.kind === 'ok') {
    if (outcome.websub === undefined) delete state.websub;
    else state.websub = outcome.websub;
  }
  if (ttlMs === undefined) delete state.publisherTtlMs;
  else state.publisherTtlMs = ttlMs;
  delete state.lastError;
  return { state, change: prev.health === 'failing' ? 'recovered' : null };
}

export const isDue = (state: FeedState, now: number) => state.nextPollAt === undefined || state.nextPollAt <= now;
