import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { PeacewatchConfig, Secrets } from './config/config-types.js';
import { parseChannelKey, type Subscription } from './domain/channel.js';
import { pollFeed } from './ingest/poll-feed.js';
import { runCycle, type CycleReport } from './pipeline/run-cycle.js';
import type { ChatAdapter } from './platforms/chat-adapter.js';
import { createConsoleAdapter } from './platforms/console/console-adapter.js';
import { createTopicMatcher } from './relevance/topic-matcher.js';
import { createPollScheduler, type PollScheduler } from './scheduler/poll-scheduler.js';
import { openKeyValueStore } from './store/key-value-store.js';
import { createStores, type Stores } from './store/stores.js';

/** The composition root: config → store → matcher → adapters → cycle. The only wiring. */
export interface App {
  config: PeacewatchConfig;
  stores: Stores;
  adapters: Map<string, ChatAdapter>;
  runCycle(opts: { onlyDue: boolean; signal?: AbortSignal }): Promise<CycleReport>;
  createScheduler(): PollScheduler;
  close(): Promise<void>;
}

export interface AppOptions {
  config: PeacewatchConfig;
  secrets: Secrets;
  log: Logger;
  /** Where the console adapter writes alerts. */
  out: Writable;
  color: boolean;
  cwd?: string;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60_000;

export async function createApp(opts: AppOptions): Promise<App> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const kv = await openKeyValueStore(config.store.url, { cwd: opts.cwd });
  const stores = createStores(kv, { dedupTtlMs: config.dedup.ttlDays * DAY_MS });
  const seeded = await stores.subscriptions.seed(config.subscriptions.map((s) => seedToSubscription(s, now())));
  if (seeded > 0) log.info({ seeded }, 'subscriptions seeded from config');

  const matcher = createTopicMatcher(config.topics);
  const adapters = new Map<string, ChatAdapter>();
  // Slack and Discord adapters join here when their credentials are set (chat issue).
  adapters.set('console', createConsoleAdapter({ out: opts.out, color: opts.color }));
  for (const adapter of adapters.values()) await adapter.start();

  const cycle = (cycleOpts: { onlyDue: boolean; signal?: AbortSignal }) =>
    runCycle(
      {
        feeds: config.feeds,
        stores,
        matcher,
        adapters,
        poll: (feed, conditional, at) => pollFeed(feed, conditional, config.fetch, at),
        now,
        log,
        signal: cycleOpts.signal,
        settings: {
          concurrency: config.polling.concurrency,
          firstFetchWindowMs: config.polling.firstFetchWindowHours * 60 * 60_000,
          maxDelayMs: config.polling.maxBackoffMinutes * 60_000,
          summaryMaxChars: config.summary.maxChars,
        },
      },
      { onlyDue: cycleOpts.onlyDue },
    );

  let lastSweep = 0;
  const app: App = {
    config,
    stores,
    adapters,
    async runCycle(cycleOpts) {
      const report = await cycle(cycleOpts);
      if (now() - lastSweep > 60 * 60_000) {
        lastSweep = now();
        const swept = await kv.sweepExpired(now());
        if (swept > 0) log.debug({ swept }, 'store: expired records removed');
      }
      return report;
    },
    createScheduler() {
      return createPollScheduler({
        tick: config.polling.tick,
        log,
        runCycle: async (signal) => {
          const report = await app.runCycle({ onlyDue: true, signal });
          if (report.polled > 0) log.info(summarizeReport(report), 'cycle done');
        },
      });
    },
    async close() {
      for (const adapter of adapters.values()) await adapter.stop();
      await kv.close();
    },
  };
  return app;
}

function seedToSubscription(seed: PeacewatchConfig['subscriptions'][number], now: number): Subscription {
  return {
    channel: parseChannelKey(seed.channel),
    target: { kind: 'topic', topicId: seed.topic },
    ...(seed.minScore === undefined ? {} : { minScore: seed.minScore }),
    createdAt: now,
  };
}

/** Flat fields for one log line or a tally. */
export function summarizeReport(r: CycleReport) {
  return {
    feeds: r.feeds,
    polled: r.polled,
    ok: r.ok,
    notModified: r.notModified,
    failed: r.failed.length,
    articles: r.articles,
    fresh: r.fresh,
    matched: r.matched,
    alerted: r.alerted,
    sent: r.delivery.sent,
  };
}
