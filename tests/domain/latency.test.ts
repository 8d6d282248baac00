import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLatency, percentile, publicationToPostMs, summarizeLatency, type LatencySample } from '../../src/domain/latency.js';

const NOW = Date.parse('2025-12-13T12:00:00Z');
const sample = (over: Partial<LatencySample> = {}): LatencySample => ({
  feedId: 'f',
  publishedAt: NOW - 60_000,
  firstSeenAt: NOW - 30_000,
  postedAt: NOW - 20_000,
  ...over,
});

describe('publication-to-post latency', () => {
  it.each([
    ['a dated item counts from its publication', sample(), 40_000],
    ['an undated item counts from first sight', sample({ publishedAt: undefined }), 10_000],
    ['a future-dated item counts from first sight, never negative', sample({ publishedAt: NOW + 3_600_000 }), 10_000],
    ['a post stamped before first sight (clock step) is zero', sample({ postedAt: NOW - 40_000, publishedAt: NOW - 35_000 }), 0],
  ])('%s', (_name, s, expected) => {
    expect(publicationToPostMs(s)).toBe(expected);
  });

  it('is never negative, whatever the three times', () => {
    const t = fc.integer({ min: 0, max: 4_000_000_000_000 });
    fc.assert(
      fc.property(fc.option(t, { nil: undefined }), t, t, (publishedAt, firstSeenAt, postedAt) => {
        expect(publicationToPostMs({ feedId: 'f', publishedAt, firstSeenAt, postedAt })).toBeGreaterThanOrEqual(0);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('summarizeLatency', () => {
  it('gives nearest-rank median and p95 overall and per feed, slowest feed first, within the window', () => {
    const samples = [
      ...Array.from({ length: 20 }, (_, i) => sample({ feedId: 'fast', publishedAt: NOW - 20_000 - (i + 1) * 1_000 })),
      sample({ feedId: 'slow', publishedAt: NOW - 20_000 - 3_600_000 }),
      // Posted two days ago: outside the last day.
      sample({ feedId: 'old', postedAt: NOW - 2 * 86_400_000, firstSeenAt: NOW - 2 * 86_400_000, publishedAt: NOW - 3 * 86_400_000 }),
    ];
    const report = summarizeLatency(samples, NOW);
    expect(report.overall).toEqual({ count: 21, medianMs: 11_000, p95Ms: 20_000 });
    expect(report.perFeed.map((f) => [f.feedId, f.count, f.medianMs, f.p95Ms])).toEqual([
      ['slow', 1, 3_600_000, 3_600_000],
      ['fast', 20, 10_000, 19_000],
    ]);
  });

  it('has no overall figure when nothing was posted', () => {
    expect(summarizeLatency([], NOW)).toEqual({ since: NOW - 86_400_000, overall: undefined, perFeed: [] });
  });

  it.each([
    [[], 50, Number.NaN],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 95, 4],
  ])('percentile(%j, %d) = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it.each([
    [840, '840 ms'],
    [42_000, '42 s'],
    [450_000, '7.5 min'],
    [11_520_000, '3.2 h'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });
});
