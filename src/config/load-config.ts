/**
 * loadConfig: YAML file → validated PeacewatchConfig (feeds, topic packs, subscriptions,
 * settings with defaults). Every failure is one ConfigError naming file, key path and
 * what was expected. Reads no environment: pass readEnv(process.env) as opts.env.
 */
import { resolve } from 'node:path';
import type { PeacewatchConfig } from './config-types.js';
import { ConfigError } from './config-error.js';
import { configFileSchema, type ConfigFile } from './config-schema.js';
import { applyEnvOverrides, type EnvSettings } from './env.js';
import { loadTopicPacks } from './load-topic-packs.js';
import { displayPath, problemAt, readYamlFile, validateFile } from './yaml-file.js';

export { ConfigError } from './config-error.js';

export const DEFAULT_CONFIG_PATH = 'config/default.yaml';

export interface LoadConfigOptions {
  /** Base of relative paths (config path, sqlite path). Default: process.cwd(). */
  cwd?: string;
  /** From readEnv(): PEACEWATCH_CONFIG is used when no path is given; store/log overrides are applied. */
  env?: Pick<EnvSettings, 'configPath' | 'storeUrl' | 'logLevel'>;
}

/** Explicit path, else PEACEWATCH_CONFIG, else config/default.yaml; relative to cwd. */
export const resolveConfigPath = (path: string | undefined, opts: LoadConfigOptions = {}): string =>
  resolve(opts.cwd ?? process.cwd(), path ?? opts.env?.configPath ?? DEFAULT_CONFIG_PATH);

export const loadConfig = async (path?: string, opts: LoadConfigOptions = {}): Promise<PeacewatchConfig> => {
  const cwd = opts.cwd ?? process.cwd();
  const abs = resolveConfigPath(path, { ...opts, cwd });
  const read = await readYamlFile(abs, displayPath(abs, cwd), 'config file');
  if (!read.ok) throw new ConfigError(read.problems);

  const checked = validateFile(configFileSchema, read.file);
  if (!checked.ok) throw new ConfigError(checked.problems);
  const file = checked.value;

  const packs = await loadTopicPacks(file, read.file, abs, cwd);
  if (!packs.ok) throw new ConfigError(packs.problems);

  const known = packs.topics.map((t) => t.id);
  const badRefs = file.subscriptions.flatMap((sub, i) => [
    ...(known.includes(sub.topic)
      ? []
      : [problemAt(read.file, ['subscriptions', i, 'topic'], `expected one of the loaded topics (${known.join(', ')}), got "${sub.topic}"`)]),
    ...unknownWebhook(file, sub.channel).map((text) => problemAt(read.file, ['subscriptions', i, 'channel'], text)),
  ]);
  if (badRefs.length > 0) throw new ConfigError(badRefs);

  const config: PeacewatchConfig = {
    source: abs,
    feeds: file.feeds,
    topics: packs.topics,
    subscriptions: file.subscriptions,
    digests: file.digests,
    store: file.store,
    polling: file.polling,
    delivery: file.delivery,
    fetch: file.fetch,
    dedup: file.dedup,
    summary: file.summary,
    stories: file.stories,
    log: file.log,
    chat: file.chat,
  };
  return opts.env ? applyEnvOverrides(config, opts.env) : config;
};

/** A `slack-webhook:<name>` or `discord-webhook:<name>` channel must name a configured webhook. */
const unknownWebhook = (file: ConfigFile, channel: string): string[] => {
  const [platform = '', name = ''] = channel.split(/:(.*)/su);
  const hooks =
    platform === 'slack-webhook' ? file.chat.slack.webhooks : platform === 'discord-webhook' ? file.chat.discord.webhooks : undefined;
  if (!hooks || Object.hasOwn(hooks, name)) return [];
  const key = platform === 'slack-webhook' ? 'chat.slack.webhooks' : 'chat.discord.webhooks';
  const names = Object.keys(hooks);
  return [`expected a webhook named under ${key} (${names.length > 0 ? names.join(', ') : 'none is configured'}), got "${name}"`];
};
