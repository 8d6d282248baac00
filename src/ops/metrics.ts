// What an operator graphs: one prom-client Registry per process (never the library's global
// one, so tests and two apps in one process never share counters).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FeedHealth } from '../domain/feed.js';

/**
 * The narrow interface the pipeline reports through. Stages receive it (or a decorator built
 * on it, see metered.ts) as a dependency; nothing reaches for a global.
 */
export interface PipelineMetrics {
  /** One feed poll: `outcome` is 'ok', 'not-modified' or the failure kind. */
  feedPolled(outcome: string, seconds: number): void;
  /** Articles read from feeds, new ones, matched, and alerted (enqueued for at least one channel). */
  articles(counts: { seen: number; fresh: number; matched: number; alerted: number }): void;
  /** Time to match one article against the topic packs. */
  classified(seconds: number): void;
  /**
   * One request to a chat platform and what came of it ('sent' or the failure reason). An
   * alert is one 'post' or 'reply'; a story update adds an 'edit' of the story's first message.
   */
  delivery(platform: string, request: 'post' | 'reply' | 'edit', outcome: string): void;
  cycleDone(seconds: number, finishedAtMs: number): void;
}

/** Read at scrape time from the stores, so the numbers are never stale or double-kept. */
export interface MetricsSources {
  feedHealth(): Promise<Record<FeedHealth, number>>;
  /** Pending outbox entries and the enqueue time (epoch ms) of the oldest, if any. */
  outbox(): Promise<{ pending: number; oldestEnqueuedAt?: number }>;
  now(): number;
}

export interface Metrics extends PipelineMetrics {
  readonly registry: Registry;
  /** Attach the store-backed gauges; called once the stores are open. */
  setSources(sources: MetricsSources): void;
}

const FETCH_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Matching one article is sub-millisecond to a few ms (bench/relevance-bench.ts).
const CLASSIFY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];
const CYCLE_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  let sources: MetricsSources | undefined;

  new Gauge({
    name: 'peacewatch_feeds',
    help: 'Configured feeds by health state',
    labelNames: ['health'],
    registers,
    async collect() {
      if (!sources) return;
      const byHealth = await sources.feedHealth();
      for (const [health, n] of Object.entries(byHealth)) this.set({ health }, n);
    },
  });
  const pending = new Gauge({ name: 'peacewatch_outbox_pending', help: 'Alert deliveries waiting in the outbox', registers });
  new Gauge({
    name: 'peacewatch_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending delivery (0 when none is pending)',
    registers,
    async collect() {
      if (!sources) return;
      const o = await sources.outbox();
      pending.set(o.pending);
      this.set(o.oldestEnqueuedAt === undefined ? 0 : Math.max(0, (sources.now() - o.oldestEnqueuedAt) / 1000));
    },
  });
  const fetchSeconds = new Histogram({
    name: 'peacewatch_feed_fetch_duration_seconds',
    help: 'Time to fetch, decode and parse one feed',
    buckets: FETCH_BUCKETS,
    registers,
  });
  const fetches = new Counter({
    name: 'peacewatch_feed_fetches_total',
    help: 'Feed polls by outcome (ok, not-modified, or the failure kind)',
    labelNames: ['outcome'],
    registers,
  });
  const seen = new Counter({ name: 'peacewatch_articles_seen_total', help: 'Articles read from fetched feeds', registers });
  const fresh = new Counter({ name: 'peacewatch_articles_new_total', help: 'Articles not seen before', registers });
  const matched = new Counter({ name: 'peacewatch_articles_matched_total', help: 'New articles that matched a topic or keyword', registers });
  const alerted = new Counter({ name: 'peacewatch_articles_alerted_total', help: 'Matched articles enqueued for at least one channel', registers });
  const classify = new Histogram({
    name: 'peacewatch_classify_duration_seconds',
    help: 'Time to match one article against the topic packs',
    buckets: CLASSIFY_BUCKETS,
    registers,
  });
  const deliveries = new Counter({
    name: 'peacewatch_deliveries_total',
    help: 'Requests to chat platforms by kind (post, reply, edit) and outcome (sent, rate-limited, transient, forbidden, gone, bad-payload)',
    labelNames: ['platform', 'request', 'outcome'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'peacewatch_rate_limited_total',
    help: 'HTTP 429 answers from chat platforms',
    labelNames: ['platform'],
    registers,
  });
  const cycleSeconds = new Histogram({ name: 'peacewatch_cycle_duration_seconds', help: 'Duration of one polling cycle', buckets: CYCLE_BUCKETS, registers });
  const lastCycle = new Gauge({ name: 'peacewatch_last_cycle_timestamp_seconds', help: 'When the last cycle completed (Unix time)', registers });

  return {
    registry,
    setSources(s) {
      sources = s;
    },
    feedPolled(outcome, seconds) {
      fetches.inc({ outcome });
      fetchSeconds.observe(seconds);
    },
    articles(c) {
      seen.inc(c.seen);
      fresh.inc(c.fresh);
      matched.inc(c.matched);
      alerted.inc(c.alerted);
    },
    classified(seconds) {
      classify.observe(seconds);
    },
    delivery(platform, request, outcome) {
      deliveries.inc({ platform, request, outcome });
      if (outcome === 'rate-limited') rateLimited.inc({ platform });
    },
    cycleDone(seconds, finishedAtMs) {
      cycleSeconds.observe(seconds);
      lastCycle.set(finishedAtMs / 1000);
    },
  };
}
