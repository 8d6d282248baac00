import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../../src/config/config-schema.js';
import type { PeacewatchConfig } from '../../src/config/config-types.js';
import { ConfigError } from '../../src/config/load-config.js';
import { applyEnvOverrides, readEnv, redactSecrets } from '../../src/config/env.js';

describe('readEnv', () => {
  it('maps every variable to its setting or secret', () => {
    expect(
      readEnv({
        PEACEWATCH_CONFIG: '/etc/peacewatch.yaml',
        LOG_LEVEL: 'debug',
        PEACEWATCH_STORE_URL: 'postgres://peacewatch@db/peacewatch',
        SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        SLACK_SIGNING_SECRET: 'signing-secret-123',
        SLACK_APP_TOKEN: 'xapp-1-abc',
        DISCORD_TOKEN: 'discord.token.value',
        DISCORD_APPLICATION_ID: '112233445566778899',
        HOME: '/root',
      }),
    ).toEqual({
      configPath: '/etc/peacewatch.yaml',
      logLevel: 'debug',
      storeUrl: 'postgres://peacewatch@db/peacewatch',
      secrets: {
        slackBotToken: 'xoxb-1-2-abc',
        slackSigningSecret: 'signing-secret-123',
        slackAppToken: 'xapp-1-abc',
        discordToken: 'discord.token.value',
        discordApplicationId: '112233445566778899',
      },
    });
  });

  it.each([
    ['absent', {}],
    ['empty', { PEACEWATCH_CONFIG: '', SLACK_BOT_TOKEN: '', PEACEWATCH_STORE_URL: '' }],
    ['blank', { PEACEWATCH_CONFIG: '  ', DISCORD_TOKEN: '\t', LOG_LEVEL: ' ' }],
  ])('treats %s variables as unset', (_label, env) => {
    expect(readEnv(env)).toEqual({ secrets: {} });
  });
});

const baseConfig = (): PeacewatchConfig => ({
  source: '/x/config.yaml',
  feeds: [],
  topics: [],
  subscriptions: [],
  digests: [],
  store: { ...CONFIG_DEFAULTS.store },
  polling: { ...CONFIG_DEFAULTS.polling },
  delivery: { ...CONFIG_DEFAULTS.delivery },
  fetch: { ...CONFIG_DEFAULTS.fetch },
  dedup: { ...CONFIG_DEFAULTS.dedup },
  summary: { ...CONFIG_DEFAULTS.summary },
  stories: { ...CONFIG_DEFAULTS.stories },
  log: { level: 'info' },
  chat: { limits: { maxSubscriptionsPerChannel: 25, maxKeywordLength: 80, maxKeywordsPerChannel: 10, maxKeywordsPerWorkspace: 200 }, slack: { managers: [], webhooks: {} }, discord: { webhooks: {} } },
});

describe('applyEnvOverrides', () => {
  it.each([
    ['PEACEWATCH_STORE_URL replaces store.url', { storeUrl: 'postgres://peacewatch@db/peacewatch' }, 'postgres://peacewatch@db/peacewatch', 'info'],
    ['a postgresql:// URL is accepted, scheme in any case', { storeUrl: 'PostgreSQL://db.internal/pw' }, 'PostgreSQL://db.internal/pw', 'info'],
    ['LOG_LEVEL replaces log.level, any case', { logLevel: 'WARN' }, CONFIG_DEFAULTS.store.url, 'warn'],
    ['nothing set leaves the file values', {}, CONFIG_DEFAULTS.store.url, 'info'],
  ])('%s', (_label, env, storeUrl, level) => {
    const config = applyEnvOverrides(baseConfig(), env);
    expect(config.store.url).toBe(storeUrl);
    expect(config.log.level).toBe(level);
  });

  it('reports both bad variables in one ConfigError', () => {
    const error = (() => {
      try {
        applyEnvOverrides(baseConfig(), { storeUrl: 'mysql://db', logLevel: 'loud' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PEACEWATCH_STORE_URL: expected sqlite://<path> or postgres://user@host/database, got "mysql://db"',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });
});

describe('redactSecrets', () => {
  const secrets = { slackBotToken: 'xoxb-123-456-secret', slackSigningSecret: 'xoxb-123', discordToken: 'MTE.discord.TOKEN' };

  it.each([
    ['a token in an error message', 'auth failed for xoxb-123-456-secret', 'auth failed for [redacted]'],
    ['every occurrence', 'MTE.discord.TOKEN / MTE.discord.TOKEN', '[redacted] / [redacted]'],
    ['a secret that contains another, whole', 'token=xoxb-123-456-secret', 'token=[redacted]'],
    ['the shorter secret alone', 'sig xoxb-123!', 'sig [redacted]!'],
    ['text with no secret, unchanged', 'GET https://example.org/feed 200', 'GET https://example.org/feed 200'],
  ])('redacts %s', (_label, text, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });

  it('leaves values too short to be credentials, and empty secrets, alone', () => {
    expect(redactSecrets('abc and 12345', { slackAppToken: 'abc', discordApplicationId: '12345' })).toBe('abc and 12345');
    expect(redactSecrets('nothing to hide', {})).toBe('nothing to hide');
  });

  it('treats regex characters in secrets literally', () => {
    expect(redactSecrets('a.b*c+d? and aXbbc+d?', { discordToken: 'a.b*c+d?' })).toBe('[redacted] and aXbbc+d?');
  });
});
