import type { DigestSchedule } from '../digest/digest-scheduler.js';
import type { FeedConfig } from '../domain/feed.js';
import type { Topic } from '../domain/topic.js';
import type { FetchOptions } from '../ingest/feed-outcome.js';

/** A subscription seeded from config: "console:stdout" → topic id. */
export interface SubscriptionSeed {
  /** "platform:channelId", e.g. "console:stdout", "slack:C0123ABC", "discord:1122334455". */
  channel: string;
  topic: string;
  minScore?: number;
}

/** The validated configuration every stage receives (never process.env). */
export interface PeacewatchConfig {
  /** Absolute path of the file it was loaded from ("<embedded>" for defaults). */
  source: string;
  feeds: FeedConfig[];
  topics: Topic[];
  subscriptions: SubscriptionSeed[];
  /** Per-channel digests: cadence, local time and zone. */
  digests: DigestSchedule[];
  store: {
    /** sqlite://path (relative to the working directory) or postgres://user@host/database. */
    url: string;
  };
  polling: {
    /** node-cron expression for the scheduler tick; each tick polls the feeds that are due. */
    tick: string;
    concurrency: number;
    /** Items older than this on a feed's first successful fetch are recorded as seen, not alerted. */
    firstFetchWindowHours: number;
    /** Ceiling of the exponential backoff of a failing feed. */
    maxBackoffMinutes: number;
    /** Learn each feed's interval from its publication rate (else each feed's intervalMinutes). */
    adaptive: boolean;
    /** Bounds of a learned interval; publisher floors (ttl, max-age, Retry-After) may exceed the max. */
    minIntervalMinutes: number;
    maxIntervalMinutes: number;
  };
  delivery: {
    /** `once` bounds its own run time; what is not done by then stays pending. */
    onceMaxSeconds: number;
    /** `start`/`once` stop within this after SIGTERM/SIGINT (the send in flight finishes). */
    stopTimeoutSeconds: number;
  };
  fetch: FetchOptions;
  dedup: {
    ttlDays: number;
  };
  summary: {
    maxChars: number;
  };
  /** Every round its own alert: a story stops growing after its lifetime, and a report after a quiet gap opens a new one. */
  stories: {
    lifetimeHours: number;
    roundGapHours: number;
  };
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  };
  /** Slack and Discord settings that are not secrets (tokens come from the environment). */
  chat: ChatSettings;
}

export interface ChatSettings {
  /** Guards on what slash commands may store. */
  limits: {
    maxSubscriptionsPerChannel: number;
    maxKeywordLength: number;
    /** Keyword subscriptions one channel may hold: each is matched against every article. */
    maxKeywordsPerChannel: number;
    /** Keyword subscriptions across all channels of one platform (one Slack workspace, one Discord application). */
    maxKeywordsPerWorkspace: number;
  };
  slack: {
    /** Slack user ids allowed to change subscriptions besides workspace admins and owners. */
    managers: string[];
    /** Alerts-only mode: named incoming-webhook URLs; subscribe them as "slack-webhook:<name>". */
    webhooks: Record<string, string>;
  };
  discord: {
    /** Alerts-only mode: named webhook URLs; subscribe them as "discord-webhook:<name>". */
    webhooks: Record<string, string>;
  };
}

/** Secrets and deployment settings: environment only (config/env.ts is their only reader). */
export interface Secrets {
  slackBotToken?: string;
  slackSigningSecret?: string;
  slackAppToken?: string;
  discordToken?: string;
  discordApplicationId?: string;
}
