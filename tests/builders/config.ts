import type { PeacewatchConfig } from '../../src/config/config-types.js';
import type { FeedConfig } from '../../src/domain/feed.js';
import { createTestTopic } from './topic.js';

/**
 * The loopback allowance every test that fetches from a local fake feed server needs (fetches to
 * loopback are refused by default): the one place tests say so.
 */
export const LOOPBACK_ALLOWED: readonly string[] = ['127.0.0.1', '::1'];

/** The same allowance as YAML lines under `fetch:`, for configs written to disk. */
export const LOOPBACK_ALLOWED_YAML = `fetch:\n  allowPrivateNetworks: [${LOOPBACK_ALLOWED.map((a) => JSON.stringify(a)).join(', ')}]\n`;

/** A complete config with test-sized timeouts; override what a test is about. */
export function createTestConfig(feeds: FeedConfig[], overrides: Partial<PeacewatchConfig> = {}): PeacewatchConfig {
  return {
    source: '<test>',
    feeds,
    topics: [createTestTopic()],
    subscriptions: [{ channel: 'console:stdout', topic: 'ukraine-peace-talks' }],
    digests: [],
    store: { url: 'sqlite://:memory:' },
    polling: {
      tick: '* * * * *',
      concurrency: 4,
      firstFetchWindowHours: 24,
      maxBackoffMinutes: 240,
      adaptive: true,
      minIntervalMinutes: 1,
      maxIntervalMinutes: 60,
    },
    delivery: { onceMaxSeconds: 120, stopTimeoutSeconds: 10 },
    fetch: {
      userAgent: 'peacewatch-test',
      connectTimeoutMs: 1_000,
      totalTimeoutMs: 1_500,
      maxBodyBytes: 1024 * 1024,
      maxRedirects: 3,
      allowPrivateNetworks: LOOPBACK_ALLOWED,
    },
    dedup: { ttlDays: 30 },
    summary: { maxChars: 300 },
    stories: { lifetimeHours: 72, roundGapHours: 24 },
    log: { level: 'silent' },
    chat: {
      limits: { maxSubscriptionsPerChannel: 25, maxKeywordLength: 80, maxKeywordsPerChannel: 10, maxKeywordsPerWorkspace: 200 },
      slack: { managers: [], webhooks: {} },
      discord: { webhooks: {} },
    },
    ...overrides,
  };
}

export const feedAt = (id: string, url: string, language = 'en'): FeedConfig => ({
  id,
  name: id,
  url,
  language,
  intervalMinutes: 10,
});
