/**
 * Schemas of config/default.yaml and of a topic pack (config/topics/<id>.yaml).
 *
 * Every default lives in CONFIG_DEFAULTS; every message says what was expected, so
 * format-issues.ts can print "file: key.path: expected …, got …". Objects are strict:
 * a misspelt key is an error, not a silently ignored setting.
 */
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { SOURCE_TYPES } from '../domain/source-label.js';
import type { Topic } from '../domain/topic.js';
import { isAddressOrCidr } from '../ingest/address-policy.js';
import { DISCORD_WEBHOOK_EXPECTED, DISCORD_WEBHOOK_URL, isHttpUrl, SLACK_WEBHOOK_EXPECTED, SLACK_WEBHOOK_URL } from '../text/url-checks.js';

/** The one table of defaults. */
export const CONFIG_DEFAULTS = {
  store: { url: 'sqlite://data/peacewatch.sqlite' },
  polling: {
    tick: '* * * * *',
    concurrency: 6,
    firstFetchWindowHours: 24,
    maxBackoffMinutes: 240,
    adaptive: true,
    minIntervalMinutes: 1,
    maxIntervalMinutes: 60,
  },
  feed: { intervalMinutes: 10 },
  delivery: { onceMaxSeconds: 120, stopTimeoutSeconds: 10 },
  fetch: {
    userAgent: 'peacewatch/0.1 (+https://github.com/peacewatch/peacewatch; self-hosted news monitor)',
    connectTimeoutMs: 10_000,
    totalTimeoutMs: 30_000,
    maxBodyBytes: 5 * 1024 * 1024,
    maxRedirects: 5,
    allowPrivateNetworks: [],
  },
  dedup: { ttlDays: 30 },
  summary: { maxChars: 400 },
  stories: { lifetimeHours: 72, roundGapHours: 24 },
  log: { level: 'info' },
  topics: { dir: 'topics' },
  chat: { maxSubscriptionsPerChannel: 25, maxKeywordLength: 80, maxKeywordsPerChannel: 10, maxKeywordsPerWorkspace: 200 },
  digest: { at: '08:00', tz: 'UTC' },
} as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const CHANNEL_PLATFORMS = ['console', 'slack', 'discord', 'slack-webhook', 'discord-webhook'] as const;

const MAX_TERM_LENGTH = 100;

// ---------------------------------------------------------------- small pieces

const nonEmptyString = z.string().trim().min(1, { message: 'expected a non-empty string' });

/** Ids are keys in the store and in slash commands: keep them boring. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected an id of lowercase letters, digits and dashes (e.g. "kyiv-independent")' })
  .max(64, { message: 'expected an id of at most 64 characters' });

const languageCode = z.string().regex(/^[a-z]{2}$/, { message: 'expected a two-letter ISO 639-1 language code (e.g. "en", "uk")' });

const int = (min: number, max?: number) => {
  const base = z.number().int({ message: 'expected a whole number' }).min(min);
  return max === undefined ? base : base.max(max);
};


// Schemes are case-insensitive (RFC 3986 §3.1): POSTGRES:// is a PostgreSQL URL, not a typo to echo back.
export const isStoreUrl = (value: string): boolean => /^(sqlite|postgres|postgresql):\/\/.+/iu.test(value);

export const STORE_URL_EXPECTED = 'expected sqlite://<path> or postgres://user@host/database';

const storeUrl = z.string().refine(isStoreUrl, { message: STORE_URL_EXPECTED });

/** "Lowercase, accents dropped, anything else a dash": BBC Русская служба → "bbc" (script letters are dropped). */
export const slugify = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');

// ---------------------------------------------------------------- topic pack

/** A word or phrase; `*` at the end of a word makes that word a stem (see domain/topic.ts). */
export const termSchema = z
  .string()
  .refine((t) => t.trim().length > 0, { message: 'expected a non-empty term' })
  .refine((t) => t.length <= MAX_TERM_LENGTH, { message: `expected a term of at most ${MAX_TERM_LENGTH} characters` })
  .refine((t) => /^(?:[^*]|(?<=[\p{L}\p{N}])\*(?=\s|$))+$/u.test(t.trim()) || t.trim().length === 0, {
    message: 'expected `*` only at the end of a word (a stem, e.g. "Уиткофф*", "мирн* переговор*")',
  });

const termList = z.array(termSchema);

const termsByLanguage = z.record(
  z.string().regex(/^[a-z]{2,3}$/, { message: 'expected a language code as key (e.g. "en", "uk")' }),
  termList,
);

const entityShape = {
  id: idSchema,
  name: nonEmptyString,
  aliases: termList.min(1, { message: 'expected at least one alias (the name is display-only)' }),
};

const actorSchema = z.strictObject({
  ...entityShape,
  side: z.enum(['us', 'russia', 'ukraine', 'europe', 'mediator', 'other']),
  role: z.enum(['negotiator', 'envoy', 'leader', 'official']),
  otherRoles: termsByLanguage.optional(),
});

const placeSchema = z.strictObject(entityShape);

const subjectSchema = z.strictObject({
  id: idSchema,
  name: nonEmptyString,
  weight: z.number().min(0.5).max(4).optional(),
  terms: termsByLanguage,
});

/** Duplicate ids inside one list would make "why" lines ambiguous. */
const uniqueIds =
  (label: string) =>
  (items: readonly { id: string }[], ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          input: item.id,
          message: `expected a unique ${label} id, "${item.id}" is also used by [${first}]`,
        });
    });
  };

export const topicPackSchema = z.strictObject({
  id: idSchema,
  name: nonEmptyString,
  description: z.string().default(''),
  actors: z.array(actorSchema).default([]).superRefine(uniqueIds('actor')),
  places: z.array(placeSchema).default([]).superRefine(uniqueIds('place')),
  subjects: z.array(subjectSchema).default([]).superRefine(uniqueIds('subject')),
  context: termsByLanguage.default({}),
  counter: termsByLanguage.default({}),
});

// The pack schema must produce exactly the domain's Topic.
const _topicMatches: Topic = {} as z.output<typeof topicPackSchema>;
void _topicMatches;

// ---------------------------------------------------------------- config file

const feedSchema = z
  .strictObject({
    id: idSchema.optional(),
    name: nonEmptyString,
    url: z.string().refine(isHttpUrl, { message: 'expected an http(s) URL' }),
    language: languageCode.optional(),
    intervalMinutes: int(1, 1440).default(CONFIG_DEFAULTS.feed.intervalMinutes),
    sourceType: z.enum(SOURCE_TYPES, { message: `expected a source type: ${SOURCE_TYPES.join(', ')}` }).optional(),
    country: z.string().regex(/^[a-z]{2}$/, { message: 'expected a two-letter ISO 3166-1 country code in lower case (e.g. "ua", "ru")' }).optional(),
    reason: nonEmptyString.max(300, { message: 'expected a reason of at most 300 characters' }).optional(),
  })
  // A state-affiliated label is a judgement a reader may question: it carries its public reason.
  .refine((feed) => feed.sourceType !== 'state-affiliated' || feed.reason !== undefined, {
    path: ['reason'],
    message: 'expected a reason (a short public one) for a state-affiliated label',
  })
  .refine((feed) => feed.sourceType !== undefined || (feed.country === undefined && feed.reason === undefined), {
    path: ['sourceType'],
    message: 'expected sourceType beside country or reason',
  })
  .transform(({ sourceType, country, reason, ...feed }) => ({
    ...feed,
    ...(sourceType ? { label: { type: sourceType, ...(country ? { country } : {}), ...(reason ? { reason } : {}) } } : {}),
    id: feed.id ?? slugify(feed.name),
    idDerived: feed.id === undefined,
  }));

const feedsSchema = z
  .array(feedSchema)
  .min(1, { message: 'expected at least one feed' })
  .superRefine((feeds, ctx) => {
    const seen = new Map<string, number[]>();
    feeds.forEach((feed, index) => {
      // An item that failed its own checks was not transformed: it has no id to compare yet.
      if (typeof feed.idDerived !== 'boolean') return;
      if (feed.id === '')
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          input: undefined,
          message: `expected an id: none can be derived from the name "${feed.name}" (no latin letters or digits)`,
        });
      else seen.set(feed.id, [...(seen.get(feed.id) ?? []), index]);
    });
    for (const [id, indexes] of seen) {
      if (indexes.length < 2) continue;
      const where = indexes.map((i) => `feeds[${i}]`).join(', ');
      for (const index of indexes.slice(1))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          input: undefined,
          message: `expected a unique feed id, "${id}"${feeds[index]?.idDerived ? ' (derived from the name)' : ''} is used by ${where}`,
        });
    }
  })
  .transform((feeds) => feeds.map(({ idDerived: _derived, ...feed }) => feed));

const CHANNEL_PATTERNS: Record<(typeof CHANNEL_PLATFORMS)[number], RegExp> = {
  console: /^\S+$/,
  slack: /^[A-Z0-9]+$/, // Slack conversation ids: C0123ABC, G…, D…
  discord: /^\d+$/, // Discord snowflakes
  'slack-webhook': /^[a-z0-9][a-z0-9-]*$/, // a name under chat.slack.webhooks
  'discord-webhook': /^[a-z0-9][a-z0-9-]*$/, // a name under chat.discord.webhooks
};

export const isChannelRef = (value: string): boolean => {
  const colon = value.indexOf(':');
  if (colon < 0) return false;
  const pattern = CHANNEL_PATTERNS[value.slice(0, colon) as keyof typeof CHANNEL_PATTERNS];
  return pattern !== undefined && pattern.test(value.slice(colon + 1));
};

const subscriptionSchema = z.strictObject({
  channel: z.string().refine(isChannelRef, {
    message: 'expected "platform:channel" with platform console, slack or discord (e.g. "console:stdout", "slack:C0123ABC", "discord:1122334455")',
  }),
  topic: idSchema,
  minScore: z.number().min(0).max(1).optional(),
});

const subscriptionsSchema = z
  .array(subscriptionSchema)
  .default([])
  .superRefine((subs, ctx) => {
    const seen = new Map<string, number>();
    subs.forEach((sub, index) => {
      const key = `${sub.channel} ${sub.topic}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index],
          input: undefined,
          message: `expected each channel/topic pair once, ${sub.channel} → ${sub.topic} is also subscriptions[${first}]`,
        });
    });
  });

/** An IANA zone Intl knows ("Europe/Kyiv", "UTC"). */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const digestSchema = z
  .strictObject({
    channel: z.string().refine(isChannelRef, { message: 'expected "platform:channel" (e.g. "slack:C0123ABC", "discord:1122334455")' }),
    cadence: z.enum(['daily', 'weekly'], { message: 'expected daily or weekly' }),
    at: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/u, { message: 'expected a 24-hour time "HH:MM" (e.g. "08:00")' })
      .default(CONFIG_DEFAULTS.digest.at),
    tz: z.string().refine(isTimeZone, { message: 'expected an IANA time zone (e.g. "Europe/Kyiv", "UTC")' }).default(CONFIG_DEFAULTS.digest.tz),
  })
  .transform(({ tz, ...digest }) => ({ ...digest, timeZone: tz }));

const D = CONFIG_DEFAULTS;
// The shape each platform's adapter needs, checked here so `check` (and start) fail with a line
// number instead of the adapter failing at run time.
// A webhook URL carries its secret token: the message never quotes the value (input undefined).
const webhookUrl = (shape: RegExp, expected: string) =>
  z.string().superRefine((u, ctx) => {
    if (!isHttpUrl(u.trim()) || !shape.test(u.trim())) ctx.addIssue({ code: 'custom', input: undefined, message: expected });
  });

export const configFileSchema = z.strictObject({
  feeds: feedsSchema,
  topics: z
    .strictObject({
      /** Folder of topic packs, relative to the config file's folder. */
      dir: nonEmptyString.default(D.topics.dir),
      /** When given, exactly these pack files (relative to the config file's folder) instead of every *.yaml in dir. */
      files: z.array(nonEmptyString).min(1, { message: 'expected at least one file, or no `files` key' }).optional(),
    })
    .prefault({}),
  subscriptions: subscriptionsSchema,
  digests: z.array(digestSchema).max(100, { message: 'expected at most 100 digests' }).default([]),
  store: z.strictObject({ url: storeUrl.default(D.store.url) }).prefault({}),
  polling: z
    .strictObject({
      tick: z
        .string()
        .refine((t) => isValidCron(t), { message: 'expected a cron expression (e.g. "* * * * *" for every minute)' })
        .default(D.polling.tick),
      concurrency: int(1, 64).default(D.polling.concurrency),
      firstFetchWindowHours: z.number().min(0).default(D.polling.firstFetchWindowHours),
      maxBackoffMinutes: int(1).default(D.polling.maxBackoffMinutes),
      adaptive: z.boolean().default(D.polling.adaptive),
      minIntervalMinutes: int(1, 1440).default(D.polling.minIntervalMinutes),
      maxIntervalMinutes: int(1, 1440).default(D.polling.maxIntervalMinutes),
    })
    .refine((p) => p.minIntervalMinutes <= p.maxIntervalMinutes, {
      message: 'expected maxIntervalMinutes ≥ minIntervalMinutes',
      path: ['maxIntervalMinutes'],
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /** `once` stops starting work after this long; what is left stays pending for the next run. */
      onceMaxSeconds: int(1, 86_400).default(D.delivery.onceMaxSeconds),
      /** After SIGTERM/SIGINT: the send in flight finishes, the rest stays pending; past this the process exits anyway. */
      stopTimeoutSeconds: int(1, 3_600).default(D.delivery.stopTimeoutSeconds),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      userAgent: nonEmptyString.default(D.fetch.userAgent),
      connectTimeoutMs: int(1).default(D.fetch.connectTimeoutMs),
      totalTimeoutMs: int(1).default(D.fetch.totalTimeoutMs),
      maxBodyBytes: int(1024).default(D.fetch.maxBodyBytes),
      maxRedirects: int(0, 20).default(D.fetch.maxRedirects),
      allowPrivateNetworks: z
        .array(z.string().refine(isAddressOrCidr, { message: 'expected an IP address or CIDR, e.g. "10.0.0.5" or "192.168.0.0/16"' }))
        .max(100)
        .default([]),
    })
    .prefault({}),
  dedup: z.strictObject({ ttlDays: z.number().positive().default(D.dedup.ttlDays) }).prefault({}),
  summary: z.strictObject({ maxChars: int(40).default(D.summary.maxChars) }).prefault({}),
  stories: z
    .strictObject({
      lifetimeHours: z.number().positive().max(24 * 30).default(D.stories.lifetimeHours),
      roundGapHours: z.number().positive().max(24 * 30).default(D.stories.roundGapHours),
    })
    .prefault({}),
  log: z.strictObject({ level: z.enum(LOG_LEVELS).default(D.log.level) }).prefault({}),
  chat: z
    .strictObject({
      limits: z
        .strictObject({
          maxSubscriptionsPerChannel: int(1, 1000).default(D.chat.maxSubscriptionsPerChannel),
          maxKeywordLength: int(3, 100).default(D.chat.maxKeywordLength),
          maxKeywordsPerChannel: int(0, 100).default(D.chat.maxKeywordsPerChannel),
          maxKeywordsPerWorkspace: int(0, 10_000).default(D.chat.maxKeywordsPerWorkspace),
        })
        .prefault({}),
      slack: z
        .strictObject({
          managers: z.array(nonEmptyString).default([]),
          webhooks: z.record(idSchema, webhookUrl(SLACK_WEBHOOK_URL, SLACK_WEBHOOK_EXPECTED)).default({}),
        })
        .prefault({}),
      discord: z.strictObject({ webhooks: z.record(idSchema, webhookUrl(DISCORD_WEBHOOK_URL, DISCORD_WEBHOOK_EXPECTED)).default({}) }).prefault({}),
    })
    .prefault({}),
});

export type ConfigFile = z.output<typeof configFileSchema>;
