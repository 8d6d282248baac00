import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { emptyFeedState, type FeedState } from '../../src/domain/feed.js';
import type { FeedPollOutcome } from '../../src/ingest/feed-outcome.js';
import { applyPollOutcome, isDue, learnedInterval } from '../../src/pipeline/feed-health.js';
import { createArticle } from '../builders/article.js';

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

describe('adaptive polling', () => {
  const NOW = Date.parse('2025-12-13T12:00:00Z');
  const polling = { adaptive: true, minIntervalMs: 1 * MIN, maxIntervalMs: 60 * MIN };
  const adaptive = { now: NOW, intervalMs: 10 * MIN, maxDelayMs: 240 * MIN, polling };
  const publishedAgo = (...minutesAgo: number[]) =>
    minutesAgo.map((m, i) => createArticle({ id: `a${i}`, publishedAt: new Date(NOW - m * MIN).toISOString() }));
  const okWith = (articles: Article[], hints: Partial<Extract<FeedPollOutcome, { kind: 'ok' }>['hints']> = {}): FeedPollOutcome => ({
    ...(ok(hints) as Extract<FeedPollOutcome, { kind: 'ok' }>),
    articles,
  });
  const every = (stepMin: number, n: number) => Array.from({ length: n }, (_, i) => (i + 1) * stepMin);

  it('polls a busy wire every few minutes: its rate over the window its items cover', () => {
    const { state } = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(...every(6, 40))), adaptive);
    expect(state.pollIntervalMs).toBe(6 * MIN);
    expect(state.nextPollAt).toBe(NOW + 6 * MIN);
    expect(state.pollReason).toBe('learned: 40 items in 4 h');
  });

  it('never goes below polling.minIntervalMinutes, and says so', () => {
    const { state } = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(...every(0.25, 30))), adaptive);
    expect(state.pollIntervalMs).toBe(1 * MIN);
    expect(state.pollReason).toMatch(/at polling\.minIntervalMinutes$/);
  });

  it('polls a weekly blog at polling.maxIntervalMinutes (a week per item, as Miniflux counts)', () => {
    const { state } = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(24 * 60, 8 * 24 * 60, 15 * 24 * 60)), adaptive);
    expect(state.pollIntervalMs).toBe(60 * MIN);
    expect(state.pollReason).toBe('learned: 1 item in 7 days, at polling.maxIntervalMinutes');
  });

  it('ignores undated items, and polls a feed with nothing this week at the maximum', () => {
    const undated = publishedAgo(...every(1, 20)).map((a) => ({ ...a, publishedAtIsFirstSeen: true }));
    const { state } = applyPollOutcome(emptyFeedState(), okWith(undated), adaptive);
    expect(state).toMatchObject({ pollIntervalMs: 60 * MIN, pollReason: 'no item in the last 7 days' });
  });

  it.each([
    ['<ttl>', { ttlMs: 120 * MIN }, 120 * MIN, /^publisher <ttl> of 2 h \(learned/],
    ['Cache-Control max-age', { maxAgeMs: 15 * MIN }, 15 * MIN, /^Cache-Control max-age of 15 min/],
    ['Retry-After', { retryAfterMs: 30 * MIN }, 30 * MIN, /^Retry-After of 30 min/],
  ])('never polls below the publisher’s %s', (_name, hints, interval, reason) => {
    const { state } = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(...every(6, 40)), hints), adaptive);
    expect(state.pollIntervalMs).toBe(interval);
    expect(state.pollReason).toMatch(reason);
  });

  it('keeps learning through 304s: the last items age, the <ttl> stays a floor', () => {
    const first = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(...every(6, 40)), { ttlMs: 20 * MIN }), adaptive).state;
    const notModified: FeedPollOutcome = { kind: 'not-modified', status: 304, reason: 'http-304', finalUrl: 'x', hints: {} };
    const soon = applyPollOutcome(first, notModified, { ...adaptive, now: NOW + 20 * MIN }).state;
    expect(soon).toMatchObject({ pollIntervalMs: 20 * MIN, publisherTtlMs: 20 * MIN });
    const weekLater = applyPollOutcome(soon, notModified, { ...adaptive, now: NOW + 8 * 24 * 60 * MIN }).state;
    expect(weekLater).toMatchObject({ pollIntervalMs: 60 * MIN, pollReason: expect.stringContaining('no item in the last 7 days') });
  });

  it('keeps the WebSub hubs found at the last parse through a 304', () => {
    const websub = { hubs: ['https://hub.example/'], topic: 'https://x/feed' };
    const parsed = applyPollOutcome(emptyFeedState(), { ...okWith([]), websub } as FeedPollOutcome, adaptive).state;
    const notModified: FeedPollOutcome = { kind: 'not-modified', status: 304, reason: 'http-304', finalUrl: 'x', hints: {} };
    expect(applyPollOutcome(parsed, notModified, adaptive).state.websub).toEqual(websub);
    expect(applyPollOutcome(parsed, okWith([]), adaptive).state.websub).toBeUndefined();
  });

  it('keeps the configured interval when polling is not adaptive', () => {
    const { state } = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(...every(6, 40))), { ...adaptive, polling: { ...polling, adaptive: false } });
    expect(state).toMatchObject({ pollIntervalMs: 10 * MIN, pollReason: 'configured intervalMinutes' });
  });

  it('backs off from the learned interval and records why', () => {
    const learned = applyPollOutcome(emptyFeedState(), okWith(publishedAgo(...every(6, 40))), adaptive).state;
    const failedOnce = applyPollOutcome(learned, failed(), adaptive).state;
    expect(failedOnce).toMatchObject({ nextPollAt: NOW + 6 * MIN, pollReason: 'backoff after 1 failure' });
  });
});

describe('learnedInterval', () => {
  it('stays within the bounds for any set of publication times (property)', () => {
    const bounds = { adaptive: true, minIntervalMs: 2 * MIN, maxIntervalMs: 90 * MIN };
    const now = Date.parse('2025-12-13T12:00:00Z');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 * 24 * 60 }), { maxLength: 80 }), (minutesAgo) => {
        const times = minutesAgo.map((m) => now - m * MIN).sort((a, b) => b - a);
        const { ms, reason } = learnedInterval(times, now, bounds);
        return ms >= bounds.minIntervalMs && ms <= bounds.maxIntervalMs && reason.length > 0;
      }),
      { seed: 20251206, numRuns: 200 },
    );
  });
});
