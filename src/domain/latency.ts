/**
 * Publication-to-post latency: how long after a publisher dated an item its alert was posted.
 * Pure (samples and `now` in, figures out), so `status`, the `latency` CLI command and a
 * `feeds list` column all compute it the same way.
 */

/** One posted delivery: the three times every alert records. */
export interface LatencySample {
  feedId: string;
  /** The publisher's date (epoch ms); undefined for an undated item. */
  publishedAt: number | undefined;
  /** When peacewatch first saw the item (the poll or push that brought it). */
  firstSeenAt: number;
  /** When the alert was posted. */
  postedAt: number;
}

export interface LatencyStats {
  count: number;
  medianMs: number;
  p95Ms: number;
}

export interface LatencyReport {
  /** Start of the window (epoch ms); samples posted before it are left out. */
  since: number;
  /** Undefined when nothing was posted in the window. */
  overall: LatencyStats | undefined;
  /** Per feed, slowest (by p95) first. */
  perFeed: Array<LatencyStats & { feedId: string }>;
}

export const LATENCY_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Undated items start at first sight. A date after first sight (a future-dated item, a
 * publisher's clock ahead of ours) also starts at first sight: latency is never negative.
 */
export function publicationToPostMs(s: LatencySample): number {
  const start = s.publishedAt === undefined || !Number.isFinite(s.publishedAt) ? s.firstSeenAt : Math.min(s.publishedAt, s.firstSeenAt);
  return Math.max(0, s.postedAt - start);
}

/** Nearest-rank percentile (p in 0–100) of ascending values; the value of a real sample, never interpolated. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function stats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
}

/** Median and 95th percentile over samples posted within `windowMs` before `now`, overall and per feed. */
export function summarizeLatency(samples: Iterable<LatencySample>, now: number, windowMs = LATENCY_WINDOW_MS): LatencyReport {
  const since = now - windowMs;
  const all: number[] = [];
  const byFeed = new Map<string, number[]>();
  for (const s of samples) {
    if (s.postedAt < since || s.postedAt > now) continue;
    const ms = publicationToPostMs(s);
    all.push(ms);
    const list = byFeed.get(s.feedId);
    if (list) list.push(ms);
    else byFeed.set(s.feedId, [ms]);
  }
  const perFeed = [...byFeed].map(([feedId, values]) => ({ feedId, ...stats(values) }));
  perFeed.sort((a, b) => b.p95Ms - a.p95Ms || a.feedId.localeCompare(b.feedId));
  return { since, overall: all.length === 0 ? undefined : stats(all), perFeed };
}

/** "840 ms", "42 s", "7.5 min", "3.2 h": short enough for a status line. */
export function formatLatency(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** "median 42 s · p95 3.1 min (17 alerts)" */
export const describeLatency = (s: LatencyStats): string =>
  `median ${formatLatency(s.medianMs)} · p95 ${formatLatency(s.p95Ms)} (${s.count} alert${s.count === 1 ? '' : 's'})`;
