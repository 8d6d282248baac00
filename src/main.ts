import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { PeacewatchConfig, Secrets } from './config/config-types.js';
import { parseChannelKey, type Subscription } from './domain/channel.js';
import { pollFeed } from './ingest/poll-feed.js';
import { runCycle, type CycleReport, type PollFn } from './pipeline/run-cycle.js';
import type { ChatAdapter } from './platforms/chat-adapter.js';
import { createConsoleAdapter } from './platforms/console/console-adapter.js';
import { createTopicMatcher } from './relevance/topic-matcher.js';
import type { Matcher } from './relevance/matcher.js';
import { createCommandHandler } from './commands/command-handler.js';
import type { CommandHandler } from './commands/command-types.js';
import { createSlackAdapter } from './platforms/slack/slack-adapter.js';
import { createSlackWebhookAdapter } from './platforms/slack/slack-webhook-adapter.js';
import { createDiscordAdapter } from './platforms/discord/discord-adapter.js';
import { createDiscordWebhookAdapter } from './platforms/discord/discord-webhook-adapter.js';
import { createDeliveryEngine } from './delivery/delivery-engine.js';
import { createStoryPlacer, sourceTypesByName } from './pipeline/place-in-story.js';
import { createPollScheduler, type PollScheduler } from './scheduler/poll-scheduler.js';
import { createDigestScheduler } from './digest/digest-scheduler.js';
import { describeCycle } from './ops/cycle-line.js';
import { meterAdapter, meterMatcher, meterPoll } from './ops/metered.js';
import type { Metrics } from './ops/metrics.js';
import { openStores, type Stores } from './store/stores.js';
import { emptyCounts } from './pipeline/process-articles.js';
import { errorMessage } from './errors.js';

/** The composition root: config → store → matcher → adapters → cycle. The only wiring. */
const HOUR_MS = 3_600_000;

export interface App {
  config: PeacewatchConfig;
  stores: Stores;
  adapters: Map<string, ChatAdapter>;
  runCycle(opts: { onlyDue: boolean; signal?: AbortSignal }): Promise<CycleReport>;
  /** Epoch ms of the last completed cycle (for /readyz). */
  lastCycleAt(): number | undefined;
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
  /** Deployment settings from the environment (config/env.ts). */
  deployment?: { port?: number; slackApiUrl?: string; discordApiUrl?: string };
  /** Where the pipeline reports counts and timings (`start` serves them on /metrics). */
  metrics?: Metrics;
}

const DAY_MS = 24 * 60 * 60_000;

export async function createApp(opts: AppOptions): Promise<App> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const stores = await openStores(config.store.url, { cwd: opts.cwd, dedupTtlMs: config.dedup.ttlDays * DAY_MS });
  if (stores.db.imported) log.info({ ...stores.db.imported }, 'store: a 0.1 store was imported');
  const seeded = await stores.subscriptions.seed(config.subscriptions.map((s) => seedToSubscription(s, now())));
  if (seeded > 0) log.info({ seeded }, 'subscriptions seeded from config');

  const matcherFor = createMatcherCache(config);
  let lastCycleAt: number | undefined;
  const onCommand = createCommandHandler({
    subscriptions: stores.subscriptions,
    topics: config.topics,
    feeds: config.feeds,
    feedStates: stores.feedState,
    recentAlerts: async (channel, n) => (await stores.outbox.recentForChannel(channel, n)).map((e) => e.alert),
    postedSince: (since) => stores.outbox.postedSince(since),
    lastCycleAt: () => lastCycleAt,
    limits: config.chat.limits,
    now,
  });
  const adapters = createAdapters(opts, onCommand);
  const stories = createStoryPlacer({
    stories: stores.stories,
    topics: config.topics,
    sourceTypes: sourceTypesByName(config.feeds),
    lifetimeMs: config.stories.lifetimeHours * HOUR_MS,
    roundGapMs: config.stories.roundGapHours * HOUR_MS,
  });
  // Adapters never throw for an unreachable platform: they log and retry in the background.
  for (const adapter of adapters.values()) await adapter.start();
  const metrics = opts.metrics;
  const deliveryAdapters = metrics ? new Map([...adapters].map(([k, a]) => [k, meterAdapter(a, metrics)])) : adapters;
  metrics?.setSources({
    now,
    feedHealth: async () => {
      const counts = { new: 0, ok: 0, failing: 0 };
      for (const state of (await stores.feedState.getAll(config.feeds.map((f) => f.id))).values()) counts[state.health]++;
      return counts;
    },
    outbox: async () => {
      // Every pending entry, oldest first: an outage leaves hundreds at most (bounded by the dedup TTL).
      const pending = await stores.outbox.due(Number.POSITIVE_INFINITY);
      const oldest = pending.reduce((min, e) => Math.min(min, e.enqueuedAt), Number.POSITIVE_INFINITY);
      return { pending: pending.length, ...(pending.length > 0 ? { oldestEnqueuedAt: oldest } : {}) };
    },
  });
  const poll: PollFn = (feed, conditional, at) => pollFeed(feed, conditional, config.fetch, at);
  const delivery = createDeliveryEngine({ outbox: stores.outbox, adapters: deliveryAdapters, subscriptions: stores.subscriptions, now, log });

  const metered = (m: Matcher) => (metrics ? meterMatcher(m, metrics) : m);
  const cycle = async (cycleOpts: { onlyDue: boolean; signal?: AbortSignal }) =>
    runCycle(
      {
        feeds: config.feeds,
        stores,
        assess: { matcher: metered(await matcherFor(stores)), topics: config.topics, summaryMaxChars: config.summary.maxChars },
        stories,
        deliver: () => delivery.deliverDue(),
        poll: metrics ? meterPoll(poll, metrics) : poll,
        now,
        log,
        signal: cycleOpts.signal,
        settings: {
          concurrency: config.polling.concurrency,
          firstFetchWindowMs: config.polling.firstFetchWindowHours * 60 * 60_000,
          maxDelayMs: config.polling.maxBackoffMinutes * 60_000,
          polling: {
            adaptive: config.polling.adaptive,
            minIntervalMs: config.polling.minIntervalMinutes * 60_000,
            maxIntervalMs: config.polling.maxIntervalMinutes * 60_000,
          },
        },
      },
      { onlyDue: cycleOpts.onlyDue },
    );

  // The store is checked before each cycle: a store that came back empty or replaced stops
  // processing for good (re-seeding subscriptions after articles were marked seen loses alerts;
  // an empty seen set re-alerts a day); an unreachable one skips cycles until it answers.
  // Each state change is logged once.
  let storeState: 'ok' | 'unreachable' | 'replaced' = 'ok';
  const storeProblem = async (): Promise<string | undefined> => {
    if (storeState === 'replaced') return 'store: processing stopped (the store was replaced); restart peacewatch';
    try {
      const identity = await stores.db.checkIdentity();
      if (!identity.same) {
        storeState = 'replaced';
        log.error({ store: stores.db.displayUrl }, `store: ${identity.reason}; processing stopped — restart peacewatch to use the new store`);
        return `store: ${identity.reason}`;
      }
      if (storeState === 'unreachable') log.info({ store: stores.db.displayUrl }, 'store: reachable again; cycles resume');
      storeState = 'ok';
      return undefined;
    } catch (err) {
      if (storeState !== 'unreachable') log.error({ store: stores.db.displayUrl, err }, 'store: unreachable; cycles are skipped until it answers');
      storeState = 'unreachable';
      return `store: unreachable: ${errorMessage(err)}`;
    }
  };

  let lastSweep = 0;
  const app: App = {
    config,
    stores,
    adapters,
    lastCycleAt: () => lastCycleAt,
    async runCycle(cycleOpts) {
      const problem = await storeProblem();
      if (problem) return skippedCycle(config.feeds.length, problem);
      const startedAt = now();
      // Stopping (a signal, once's time bound): delivery finishes the send in flight and leaves the rest pending.
      const stopDelivery = () => void delivery.stop();
      cycleOpts.signal?.addEventListener('abort', stopDelivery, { once: true });
      if (cycleOpts.signal?.aborted) stopDelivery();
      const report = await cycle(cycleOpts).finally(() => cycleOpts.signal?.removeEventListener('abort', stopDelivery));
      lastCycleAt = now();
      metrics?.articles({ seen: report.articles, fresh: report.fresh, matched: report.matched, alerted: report.alerted });
      metrics?.cycleDone((lastCycleAt - startedAt) / 1000, lastCycleAt);
      if (now() - lastSweep > 60 * 60_000) {
        lastSweep = now();
        const swept = await stores.db.sweepExpired(now());
        if (swept > 0) log.debug({ swept }, 'store: expired records removed');
      }
      return report;
    },
    createScheduler() {
      const feedNames = new Map(config.feeds.map((f) => [f.id, f.name]));
      // Between cycles, the engine's own loop retries what is pending (an outage, a 429).
      delivery.start();
      const polls = createPollScheduler({
        tick: config.polling.tick,
        log,
        runCycle: async (signal) => {
          const report = await app.runCycle({ onlyDue: true, signal });
          if (report.polled === 0) return;
          const line = describeCycle(report, (id) => feedNames.get(id) ?? id);
          log[line.level](line.fields, line.msg);
        },
      });
      const digests = createDigestScheduler({ outbox: stores.outbox, adapters, log, schedules: config.digests, now });
      return {
        start() {
          polls.start();
          digests.start();
        },
        async stop() {
          await digests.stop();
          await polls.stop();
        },
      };
    },
    async close() {
      await delivery.stop();
      for (const adapter of adapters.values()) await adapter.stop();
      await stores.db.close();
    },
  };
  return app;
}

/** Slack, Discord and their webhook modes join when their credentials or webhooks are configured. */
function createAdapters(opts: AppOptions, onCommand: CommandHandler): Map<string, ChatAdapter> {
  const { config, secrets, log } = opts;
  const deployment = opts.deployment ?? {};
  const adapters = new Map<string, ChatAdapter>();
  adapters.set('console', createConsoleAdapter({ out: opts.out, color: opts.color }));
  if (secrets.slackBotToken) {
    adapters.set(
      'slack',
      createSlackAdapter({
        botToken: secrets.slackBotToken,
        signingSecret: secrets.slackSigningSecret,
        appToken: secrets.slackAppToken,
        apiUrl: deployment.slackApiUrl,
        port: deployment.port ?? 3000,
        managers: config.chat.slack.managers,
        onCommand,
        log,
      }),
    );
  }
  if (Object.keys(config.chat.slack.webhooks).length > 0) {
    adapters.set('slack-webhook', createSlackWebhookAdapter({ webhooks: config.chat.slack.webhooks, log }));
  }
  if (secrets.discordToken) {
    if (!secrets.discordApplicationId) log.warn('discord: DISCORD_APPLICATION_ID is not set; slash commands need it');
    adapters.set(
      'discord',
      createDiscordAdapter({
        token: secrets.discordToken,
        applicationId: secrets.discordApplicationId ?? '',
        apiUrl: deployment.discordApiUrl,
        onCommand,
        topicChoices: () => config.topics.map((t) => ({ id: t.id, name: t.name })),
        log,
      }),
    );
  }
  if (Object.keys(config.chat.discord.webhooks).length > 0) {
    adapters.set('discord-webhook', createDiscordWebhookAdapter({ webhooks: config.chat.discord.webhooks, log }));
  }
  return adapters;
}

/**
 * Users add keyword subscriptions at run time: the matcher (one trie over pack terms and
 * keywords) is rebuilt only when the set of keywords changes.
 */
function createMatcherCache(config: PeacewatchConfig): (stores: Stores) => Promise<Matcher> {
  let key = '';
  let matcher = createTopicMatcher(config.topics);
  return async (stores) => {
    const keywords = [
      ...new Set(
        (await stores.subscriptions.list()).flatMap((s) => (s.target.kind === 'keyword' ? [s.target.phrase] : [])),
      ),
    ].sort();
    const next = keywords.join('\u0000');
    if (next !== key) {
      key = next;
      matcher = createTopicMatcher(config.topics, { keywords });
    }
    return matcher;
  };
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

/** A cycle that did not run because the store cannot be used: every feed is reported failed. */
function skippedCycle(feeds: number, message: string): CycleReport {
  return {
    feeds,
    polled: 0,
    ok: 0,
    notModified: 0,
    failed: [{ feedId: '*', kind: 'store', message }],
    delivery: { sent: 0, retrying: 0, undeliverable: 0 },
    ...emptyCounts(),
  };
}
