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
  store: {
    /** sqlite://path (relative to the working directory) or redis://host:port. */
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
  };
  fetch: FetchOptions;
  dedup: {
    ttlDays: number;
  };
  summary: {
    maxChars: number;
  };
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
