import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../../src/config/config-schema.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { FIXTURES, makeConfigDir, VALID_FEEDS, VALID_SUBSCRIPTIONS, type ConfigDir } from './config-dir.js';
import { errorMessage } from '../../src/errors.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SHIPPED_CONFIG = join(REPO, 'config', 'default.yaml');
const SHIPPED_PACK = join(REPO, 'config', 'topics', 'ukraine-peace-talks.yaml');

const dirs: ConfigDir[] = [];
const dir = async (...args: Parameters<typeof makeConfigDir>): Promise<ConfigDir> => {
  const d = await makeConfigDir(...args);
  dirs.push(d);
  return d;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()));
});

/** Loads and returns the ConfigError, failing the test if loading succeeds. */
const loadError = async (d: ConfigDir): Promise<ConfigError> => {
  const error = await loadConfig('config.yaml', { cwd: d.root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
};

describe('the shipped config/default.yaml', () => {
  const loadShippedWithFixturePack = async () => {
    // The real file, next to a fixture pack, so this runs whether or not the real pack exists yet.
    const d = await dir(await readFile(SHIPPED_CONFIG, 'utf8'));
    return loadConfig(d.configPath, { cwd: d.root });
  };

  it('lists at least 30 feeds with unique ids, http(s) URLs and 10–30 minute intervals', async () => {
    const config = await loadShippedWithFixturePack();
    expect(config.feeds.length).toBeGreaterThanOrEqual(30);
    const ids = config.feeds.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const feed of config.feeds) {
      expect(feed.url).toMatch(/^https?:\/\//);
      expect(feed.intervalMinutes).toBeGreaterThanOrEqual(10);
      expect(feed.intervalMinutes).toBeLessThanOrEqual(30);
      expect(feed.language).toMatch(/^[a-z]{2}$/);
    }
  });

  it('labels every feed with a source type, and every state-affiliated one with a country and a reason', async () => {
    const config = await loadShippedWithFixturePack();
    const unlabelled = config.feeds.filter((f) => f.label === undefined).map((f) => f.id);
    expect(unlabelled).toEqual([]);
    for (const feed of config.feeds.filter((f) => f.label?.type === 'state-affiliated')) {
      expect(feed.label).toMatchObject({ country: expect.stringMatching(/^[a-z]{2}$/u), reason: expect.stringMatching(/\S{3}/u) });
    }
  });

  it('covers at least six languages, among them en fr de uk ru pl', async () => {
    const config = await loadShippedWithFixturePack();
    const languages = new Set(config.feeds.map((f) => f.language));
    expect(languages.size).toBeGreaterThanOrEqual(6);
    for (const lang of ['en', 'fr', 'de', 'uk', 'ru', 'pl']) expect(languages).toContain(lang);
  });

  it('seeds console:stdout with ukraine-peace-talks and keeps the documented defaults', async () => {
    const config = await loadShippedWithFixturePack();
    expect(config.subscriptions).toEqual([{ channel: 'console:stdout', topic: 'ukraine-peace-talks' }]);
    expect(config.polling).toEqual(CONFIG_DEFAULTS.polling);
    expect(config.fetch).toEqual(CONFIG_DEFAULTS.fetch);
    expect(config.store).toEqual(CONFIG_DEFAULTS.store);
  });

  it.skipIf(!existsSync(SHIPPED_PACK))('loads from its own path with the real topic pack', async () => {
    const config = await loadConfig(undefined, { cwd: REPO });
    expect(config.source).toBe(SHIPPED_CONFIG);
    expect(config.topics.map((t) => t.id)).toContain('ukraine-peace-talks');
  });
});

describe('a valid config', () => {
  it('fills every default from the one table and derives feed ids from names', async () => {
    const config = await loadConfig(join(FIXTURES, 'minimal.yaml'));
    expect(config.source).toBe(join(FIXTURES, 'minimal.yaml'));
    expect(config.feeds).toEqual([
      { id: 'example-wire', name: 'Example Wire', url: 'https://news.example.org/rss.xml', intervalMinutes: 10 },
    ]);
    expect(config).toMatchObject({
      store: { url: 'sqlite://data/peacewatch.sqlite' },
      polling: { tick: '* * * * *', concurrency: 6, firstFetchWindowHours: 24, maxBackoffMinutes: 240 },
      delivery: { onceMaxSeconds: 120, stopTimeoutSeconds: 10 },
      fetch: {
        userAgent: 'peacewatch/0.1 (+https://github.com/peacewatch/peacewatch; self-hosted news monitor)',
        connectTimeoutMs: 10_000,
        totalTimeoutMs: 30_000,
        maxBodyBytes: 5 * 1024 * 1024,
        maxRedirects: 5,
      },
      dedup: { ttlDays: 30 },
      summary: { maxChars: 400 },
      log: { level: 'info' },
    });
    expect(config.topics).toHaveLength(1);
    expect(config.topics[0]).toMatchObject({ id: 'ukraine-peace-talks', places: [{ id: 'geneva' }] });
  });

  it('loads only topics.files when given, relative to the config folder', async () => {
    const pack = (await readFile(join(FIXTURES, 'topics', 'ukraine-peace-talks.yaml'), 'utf8')).replace(
      'id: ukraine-peace-talks',
      'id: other-talks',
    );
    const d = await dir(
      `${VALID_FEEDS}topics:\n  files: [packs/other-talks.yaml]\nsubscriptions:\n  - channel: slack:C0123ABC\n    topic: other-talks\n    minScore: 0.5\n`,
      { files: { 'packs/other-talks.yaml': pack } },
    );
    const config = await loadConfig('config.yaml', { cwd: d.root });
    expect(config.topics.map((t) => t.id)).toEqual(['other-talks']);
    expect(config.subscriptions).toEqual([{ channel: 'slack:C0123ABC', topic: 'other-talks', minScore: 0.5 }]);
  });
});

describe('where the config comes from', () => {
  it('uses config/default.yaml under cwd when no path and no PEACEWATCH_CONFIG are given', async () => {
    const d = await dir('unused: true\n', {
      files: {
        'config/default.yaml': `${VALID_FEEDS}${VALID_SUBSCRIPTIONS}`,
        'config/topics/ukraine-peace-talks.yaml': await readFile(join(FIXTURES, 'topics', 'ukraine-peace-talks.yaml'), 'utf8'),
      },
    });
    const config = await loadConfig(undefined, { cwd: d.root });
    expect(config.source).toBe(join(d.root, 'config', 'default.yaml'));
  });

  it('uses PEACEWATCH_CONFIG (passed in) when no path is given, and an explicit path over it', async () => {
    const d = await dir(`${VALID_FEEDS}${VALID_SUBSCRIPTIONS}`);
    const viaEnv = await loadConfig(undefined, { cwd: d.root, env: { configPath: 'config.yaml' } });
    expect(viaEnv.source).toBe(d.configPath);
    const error = await loadConfig('missing.yaml', { cwd: d.root, env: { configPath: 'config.yaml' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(errorMessage(error)).toBe(`missing.yaml: config file not found (looked for ${join(d.root, 'missing.yaml')})`);
  });

  it('applies PEACEWATCH_STORE_URL and LOG_LEVEL over the file', async () => {
    const d = await dir(`${VALID_FEEDS}${VALID_SUBSCRIPTIONS}store:\n  url: sqlite://x.sqlite\n`);
    const config = await loadConfig('config.yaml', { cwd: d.root, env: { storeUrl: 'postgres://peacewatch@db/peacewatch', logLevel: 'DEBUG' } });
    expect(config.store.url).toBe('postgres://peacewatch@db/peacewatch');
    expect(config.log.level).toBe('debug');
  });

  it('rejects a PEACEWATCH_STORE_URL that is neither sqlite:// nor postgres://', async () => {
    const d = await dir(`${VALID_FEEDS}${VALID_SUBSCRIPTIONS}`);
    await expect(loadConfig('config.yaml', { cwd: d.root, env: { storeUrl: 'redis://db' } })).rejects.toThrow(
      'PEACEWATCH_STORE_URL: expected sqlite://<path> or postgres://user@host/database, got "redis://db"',
    );
  });
});

const withFeed = (extra: string) => `feeds:\n  - name: Example Wire\n    url: https://news.example.org/rss.xml\n${extra}${VALID_SUBSCRIPTIONS}`;
const pack = async (edit: (text: string) => string) =>
  edit(await readFile(join(FIXTURES, 'topics', 'ukraine-peace-talks.yaml'), 'utf8'));

interface InvalidCase {
  name: string;
  config: string;
  files?: () => Promise<Record<string, string>>;
  withPack?: boolean;
  /** The whole line, or (with prefixOnly) its start when the rest quotes a path or parser text. */
  problem: string;
  prefixOnly?: true;
}

const INVALID: InvalidCase[] = [
  {
    name: 'a feed URL that is not http(s)',
    config: withFeed('  - name: Other\n    url: ftp://x\n'),
    problem: 'config.yaml: feeds[1].url: expected an http(s) URL, got "ftp://x" (line 5)',
  },
  {
    name: 'a misspelt feed key',
    config: withFeed('  - name: Other\n    url: https://example.org/feed\n    languge: en\n'),
    problem: 'config.yaml: feeds[1].languge: unknown key; expected one of id, name, url, language, intervalMinutes, sourceType, country, reason (line 6)',
  },
  {
    name: 'an unknown source type',
    config: withFeed('  - name: Other\n    url: https://example.org/feed\n    sourceType: blog\n'),
    problem: 'config.yaml: feeds[1].sourceType: expected a source type: wire, broadcaster, newspaper, state-affiliated, official, independent, aggregator, got "blog" (line 6)',
  },
  {
    name: 'a state-affiliated label without its reason',
    config: withFeed('  - name: Other\n    url: https://example.org/feed\n    sourceType: state-affiliated\n    country: ru\n'),
    problem: 'config.yaml: feeds[1].reason: expected a reason (a short public one) for a state-affiliated label',
    prefixOnly: true,
  },
  {
    name: 'a misspelt setting',
    config: withFeed('polling:\n  concurency: 3\n'),
    problem:
      'config.yaml: polling.concurency: unknown key; expected one of tick, concurrency, firstFetchWindowHours, maxBackoffMinutes, adaptive, minIntervalMinutes, maxIntervalMinutes (line 5)',
  },
  {
    name: 'no feeds key',
    config: VALID_SUBSCRIPTIONS,
    problem: 'config.yaml: feeds: expected a list, got nothing (the key is missing)',
  },
  {
    name: 'an empty feed list',
    config: `feeds: []\n${VALID_SUBSCRIPTIONS}`,
    problem: 'config.yaml: feeds: expected at least one feed, got an empty list (line 1)',
  },
  {
    name: 'two feeds with the same derived id',
    config: withFeed('  - name: Example  wire!\n    url: https://other.example.org/rss\n'),
    problem:
      'config.yaml: feeds[1].id: expected a unique feed id, "example-wire" (derived from the name) is used by feeds[0], feeds[1] (line 4)',
  },
  {
    name: 'a feed whose name has no latin letters and no id',
    config: withFeed('  - name: Медуза\n    url: https://meduza.io/rss/all\n'),
    problem: 'config.yaml: feeds[1].id: expected an id: none can be derived from the name "Медуза" (no latin letters or digits) (line 4)',
  },
  {
    name: 'a language that is not ISO 639-1',
    config: withFeed('    language: english\n'),
    problem: 'config.yaml: feeds[0].language: expected a two-letter ISO 639-1 language code (e.g. "en", "uk"), got "english" (line 4)',
  },
  {
    name: 'a subscription to a topic that is not loaded',
    config: VALID_FEEDS + 'subscriptions:\n  - channel: discord:1122334455\n    topic: gaza-talks\n',
    problem: 'config.yaml: subscriptions[0].topic: expected one of the loaded topics (ukraine-peace-talks), got "gaza-talks" (line 10)',
  },
  {
    name: 'a Slack channel given by name',
    config: VALID_FEEDS + 'subscriptions:\n  - channel: slack:#general\n    topic: ukraine-peace-talks\n',
    problem:
      'config.yaml: subscriptions[0].channel: expected "platform:channel" with platform console, slack or discord (e.g. "console:stdout", "slack:C0123ABC", "discord:1122334455"), got "slack:#general" (line 9)',
  },
  {
    name: 'an unknown log level',
    config: withFeed('log:\n  level: verbose\n'),
    problem: 'config.yaml: log.level: expected one of "fatal", "error", "warn", "info", "debug", "trace", "silent", got "verbose" (line 5)',
  },
  {
    name: 'a concurrency of zero',
    config: withFeed('polling:\n  concurrency: 0\n'),
    problem: 'config.yaml: polling.concurrency: expected a number ≥ 1, got 0 (line 5)',
  },
  {
    name: 'a cron tick that does not parse',
    config: withFeed('polling:\n  tick: every minute\n'),
    problem: 'config.yaml: polling.tick: expected a cron expression (e.g. "* * * * *" for every minute), got "every minute" (line 5)',
  },
  {
    name: 'a store URL of an unsupported kind',
    config: withFeed('store:\n  url: redis://db:6379\n'),
    problem: 'config.yaml: store.url: expected sqlite://<path> or postgres://user@host/database, got "redis://db:6379" (line 5)',
  },
  {
    name: 'a YAML syntax error',
    config: 'feeds:\n  - name: Example Wire\n    url: [https://news.example.org/rss.xml\n',
    problem: 'config.yaml:4:1: YAML syntax error: ',
    prefixOnly: true,
  },
  {
    name: 'a topics folder that does not exist',
    config: withFeed(''),
    withPack: false,
    problem: 'config.yaml: topics.dir: expected a folder of topic packs, ',
    prefixOnly: true,
  },
  {
    name: 'a topic pack whose id is not its file name',
    config: withFeed(''),
    files: async () => ({ 'topics/other-talks.yaml': await pack((t) => t) }),
    problem: 'topics/other-talks.yaml: id: expected "other-talks" (a pack\'s id is its file name), got "ukraine-peace-talks" (line 2)',
  },
  {
    name: 'a `*` in the middle of a word',
    config: withFeed(''),
    files: async () => ({ 'topics/ukraine-peace-talks.yaml': await pack((t) => t.replace('Уиткофф*', 'Уит*кофф')) }),
    problem:
      'topics/ukraine-peace-talks.yaml: actors[0].aliases[1]: expected `*` only at the end of a word (a stem, e.g. "Уиткофф*", "мирн* переговор*"), got "Уит*кофф" (line 10)',
  },
  {
    name: 'a term longer than 100 characters',
    config: withFeed(''),
    files: async () => ({ 'topics/ukraine-peace-talks.yaml': await pack((t) => t.replace('truce', 'x'.repeat(101))) }),
    problem: 'topics/ukraine-peace-talks.yaml: subjects[0].terms.en[2]: expected a term of at most 100 characters, got "xxxx',
    prefixOnly: true,
  },
  {
    name: 'an actor with an unknown side',
    config: withFeed(''),
    files: async () => ({ 'topics/ukraine-peace-talks.yaml': await pack((t) => t.replace('side: us', 'side: usa')) }),
    problem:
      'topics/ukraine-peace-talks.yaml: actors[0].side: expected one of "us", "russia", "ukraine", "europe", "mediator", "other", got "usa" (line 8)',
  },
  {
    name: 'a YAML syntax error in a topic pack',
    config: withFeed(''),
    files: async () => ({ 'topics/ukraine-peace-talks.yaml': 'id: ukraine-peace-talks\nname: [unclosed\n' }),
    problem: 'topics/ukraine-peace-talks.yaml:3:1: YAML syntax error: ',
    prefixOnly: true,
  },
];

describe('an invalid config', () => {
  it.each(INVALID)('reports $name as one line naming file, key path and expectation', async ({ config, files, withPack, problem, prefixOnly }) => {
    const d = await dir(config, { files: files ? await files() : {}, ...(withPack === false ? { withPack } : {}) });
    const error = await loadError(d);
    expect(error.problems).toHaveLength(1);
    expect(error.message).toBe(error.problems[0]);
    if (prefixOnly) expect(error.message.startsWith(problem), error.message).toBe(true);
    else expect(error.message).toBe(problem);
  });

  it('lists several problems one per line under one header', async () => {
    const d = await dir('feeds:\n  - name: A\n    url: ftp://a\n  - name: B\n    url: https://b.example\n    intervalMinutes: 0\nsummary:\n  maxchars: 10\n');
    const error = await loadError(d);
    expect(error.message.split('\n')).toEqual([
      'invalid configuration (3 problems):',
      '  config.yaml: feeds[0].url: expected an http(s) URL, got "ftp://a" (line 3)',
      '  config.yaml: feeds[1].intervalMinutes: expected a number ≥ 1, got 0 (line 6)',
      '  config.yaml: summary.maxchars: unknown key; expected one of maxChars (line 8)',
    ]);
  });

  it('names a missing config file clearly', async () => {
    const d = await dir('');
    await expect(loadConfig('nope.yaml', { cwd: d.root })).rejects.toThrow(
      new ConfigError([`nope.yaml: config file not found (looked for ${join(d.root, 'nope.yaml')})`]),
    );
  });
});
