import type { Logger } from 'pino';
import type { FeedConfig, FeedState } from '../domain/feed.js';
import type { FeedErrorKind, FeedPollOutcome, PollMemory } from '../ingest/feed-outcome.js';
import type { AssessDeps } from './assess-article.js';
import type { StoryPlacer } from './place-in-story.js';
import type { Stores } from '../store/stores.js';
import type { DeliveryReport } from '../delivery/delivery-engine.js';
import { applyPollOutcome, isDue, type PollingPolicy } from './feed-health.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { addCounts, emptyCounts, processArticles, type ArticleCounts } from './process-articles.js';
import { errorMessage } from '../errors.js';

export type PollFn = (feed: FeedConfig, memory: PollMemory, now: number) => Promise<FeedPollOutcome>;

export interface CycleDeps {
  feeds: readonly FeedConfig[];
  stores: Stores;
  assess: AssessDeps;
  stories: StoryPlacer;
  /** One delivery round over the outbox (the delivery engine's deliverDue). */
  deliver: () => Promise<DeliveryReport>;
  poll: PollFn;
  now: () => number;
  log: Logger;
  settings: {
    concurrency: number;
    firstFetchWindowMs: number;
    maxDelayMs: number;
    /** Adaptive intervals; absent: each feed's intervalMinutes. */
    polling?: PollingPolicy;
  };
  /** Once aborted, no further feed is started; feeds in flight finish their writes. */
  signal?: AbortSignal;
}

export interface CycleReport extends ArticleCounts {
  feeds: number;
  polled: number;
  ok: number;
  notModified: number;
  /** Feeds whose fetch failed, whose writes did ('store'), or whose processing threw ('internal'). */
  failed: Array<{ feedId: string; kind: FeedErrorKind | 'store' | 'internal'; message: string }>;
  delivery: DeliveryReport;
}

/**
 * One pass: poll feeds (all of them, or only those due), process their articles,
 * then deliver the outbox. One feed's failure never stops the others.
 */
export async function runCycle(deps: CycleDeps, opts: { onlyDue: boolean }): Promise<CycleReport> {
  const { feeds, stores, log, settings } = deps;
  const startedAt = deps.now();
  const states = await stores.feedState.getAll(feeds.map((f) => f.id));
  const toPoll = feeds.filter((f) => !opts.onlyDue || isDue(states.get(f.id)!, startedAt));
  const subscriptions = await stores.subscriptions.list();
  const claimed = new Set<string>();
  const report: CycleReport = {
    feeds: feeds.length,
    polled: 0,
    ok: 0,
    notModified: 0,
    failed: [],
    delivery: { sent: 0, retrying: 0, undeliverable: 0 },
    ...emptyCounts(),
  };

  // Deliver as soon as a feed produced alerts, not after the slowest feed: one pump, serialized.
  let pump: Promise<void> = Promise.resolve();
  const round = async () => {
    const r = await deps.deliver();
    report.delivery.sent += r.sent;
    report.delivery.retrying = r.retrying;
    report.delivery.undeliverable += r.undeliverable;
  };
  const deliver = () => {
    // Chained on both outcomes: a failed round (logged by its caller) must not cancel the later ones.
    pump = pump.then(round, round);
    return pump;
  };

  // A write that fails (a read-only file, a lost database) fails the feed: reported, not "ok".
  const stored = async (feedId: string, write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (err) {
      report.failed.push({ feedId, kind: 'store', message: `store: ${errorMessage(err)}` });
      log.error({ feed: feedId, err }, 'store: the feed\'s writes failed; its items are read again next time');
      return false;
    }
  };
  const saveState = (feedId: string, state: FeedState) => stored(feedId, () => stores.feedState.set(feedId, state));

  const results = await mapWithConcurrency(toPoll, settings.concurrency, async (feed) => {
    if (deps.signal?.aborted) return;
    const prev = states.get(feed.id)!;
    const outcome = await deps.poll(feed, { etag: prev.etag, lastModified: prev.lastModified, bodyHash: prev.bodyHash }, deps.now());
    const now = deps.now();
    report.polled++;
    const { state, change } = applyPollOutcome(prev, outcome, {
      now,
      intervalMs: feed.intervalMinutes * 60_000,
      maxDelayMs: settings.maxDelayMs,
      ...(settings.polling === undefined ? {} : { polling: settings.polling }),
    });
    if (outcome.kind === 'failed') {
      report.failed.push({ feedId: feed.id, kind: outcome.error.kind, message: outcome.error.message });
      const fields = { feed: feed.id, kind: outcome.error.kind, failures: state.consecutiveFailures };
      // The cycle's one line names failing feeds grouped by kind; each failure's detail is debug.
      if (change === 'failing') log.debug(fields, `feed failing: ${outcome.error.message}`);
      else log.debug(fields, `feed still failing: ${outcome.error.message}`);
      await saveState(feed.id, state);
      return;
    }
    if (change === 'recovered') log.info({ feed: feed.id }, 'feed recovered');
    if (outcome.kind === 'not-modified') {
      if (await saveState(feed.id, state)) report.notModified++;
      return;
    }
    const { counts, writes } = await processArticles(outcome.articles, {
      stores,
      assess: deps.assess,
      stories: deps.stories,
      subscriptions,
      now,
      firstFetchCutoff: prev.initialized ? undefined : now - settings.firstFetchWindowMs,
      claimed,
      log,
    });
    // One transaction per feed: stories, alerts, seen marks and the state all land, or none does
    // (then the feed counts as failed, and the next poll reads its items again).
    const committed = await stored(feed.id, () =>
      stores.commitFeed({ feedId: feed.id, state: { ...state, initialized: true }, ...writes, now }),
    );
    if (!committed) return;
    report.ok++;
    addCounts(report, counts);
    if (counts.alerted > 0) void deliver().catch((err: unknown) => log.error({ err }, 'delivery: round failed'));
    log.debug({ feed: feed.id, ...counts }, 'feed polled');
  });
  for (const [i, r] of results.entries()) {
    if (r.status === 'rejected') {
      // A bug or a store failure on one feed: report it, keep the cycle going.
      const feed = toPoll[i]!;
      report.failed.push({ feedId: feed.id, kind: 'internal', message: `pipeline: ${errorMessage(r.reason)}` });
      log.error({ feed: feed.id, err: r.reason }, 'pipeline: feed processing failed');
    }
  }
  // A final round also retries what earlier cycles left pending.
  await deliver().catch((err: unknown) => log.error({ err }, 'delivery: round failed'));
  return report;
}
