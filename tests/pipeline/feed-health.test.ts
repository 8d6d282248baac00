import { describe, expect, it } from 'vitest';
import { emptyFeedState, type FeedState } from '../../src/domain/feed.js';
import type { FeedPollOutcome } from '../../src/ingest/feed-outcome.js';
import { applyPollOutcome, isDue } from '../../src/pipeline/feed-health.js';

const MIN = 60_000;
const policy = { now: 1_000_000, intervalMs: 10 * MIN, maxDelayMs: 240 * MIN };
const ok = (hints: Partial<Extract<FeedPollOutcome, { kind: 'ok' }>['hints']> = {}): FeedPollOutcome => ({
  kind: 'ok',
  status: 200,
  finalUrl: 'https://x/feed',
  charset: 'utf-8',
  charsetSource: 'default',
  articles: [],
  hints,
  bytes: 10,
});
const failed = (retryAfterMs?: number): FeedPollOutcome => ({
  kind: 'failed',
  error: { kind: 'http-status', status: 503, message: 'fetch: HTTP 503', retryAfterMs },
});

describe('applyPollOutcome', () => {
  it('polls again after the interval, remembering validators', () => {
    const { state, change } = applyPollOutcome(emptyFeedState(), ok({ etag: '"v1"', lastModified: 'Sat' }), policy);
    expect(state).toMatchObject({ health: 'ok', etag: '"v1"', lastModified: 'Sat', nextPollAt: policy.now + 10 * MIN });
    expect(change).toBeNull();
  });

  it.each([
    ['max-age', { maxAgeMs: 30 * MIN }, 30 * MIN],
    ['Retry-After', { retryAfterMs: 20 * MIN }, 20 * MIN],
    ['<ttl>', { ttlMs: 60 * MIN }, 60 * MIN],
    ['a bogus year-long ttl, capped', { ttlMs: 365 * 24 * 60 * MIN }, 240 * MIN],
    ['a max-age shorter than the interval', { maxAgeMs: MIN }, 10 * MIN],
  ])('honours %s as a floor', (_name, hints, delay) => {
    expect(applyPollOutcome(emptyFeedState(), ok(hints), policy).state.nextPollAt).toBe(policy.now + delay);
  });

  it('keeps old validators when a 304 omits them', () => {
    const prev: FeedState = { ...emptyFeedState(), health: 'ok', etag: '"v1"' };
    const { state } = applyPollOutcome(prev, { kind: 'not-modified', status: 304, reason: 'http-304', finalUrl: 'x', hints: {} }, policy);
    expect(state.etag).toBe('"v1"');
  });

  it('backs off exponentially, capped, and reports the flip to failing once', () => {
    let state = emptyFeedState();
    const changes: Array<string | null> = [];
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const next = applyPollOutcome(state, failed(), policy);
      changes.push(next.change);
      delays.push(next.state.nextPollAt! - policy.now);
      state = next.state;
    }
    expect(changes).toEqual(['failing', null, null, null, null, null, null]);
    expect(delays.map((d) => d / MIN)).toEqual([10, 20, 40, 80, 160, 240, 240]);
    const recovered = applyPollOutcome(state, ok(), policy);
    expect(recovered.change).toBe('recovered');
    expect(recovered.state.consecutiveFailures).toBe(0);
    expect(recovered.state.lastError).toBeUndefined();
  });

  it('waits at least the Retry-After of a 503', () => {
    expect(applyPollOutcome(emptyFeedState(), failed(90 * MIN), policy).state.nextPollAt).toBe(policy.now + 90 * MIN);
  });

  it('treats a feed never polled as due', () => {
    expect(isDue(emptyFeedState(), 0)).toBe(true);
    expect(isDue({ ...emptyFeedState(), nextPollAt: 10 }, 9)).toBe(false);
  });
});
