/**
 * The environment: the only place in src/ that knows variable names. The composition
 * root calls readEnv(process.env) once; everything else receives plain values.
 */
import type { PeacewatchConfig, Secrets } from './config-types.js';
import { redactUrl, redactUrls, redactValues } from '../redact.js';
import { ConfigError } from './config-error.js';
import { isStoreUrl, LOG_LEVELS, STORE_URL_EXPECTED } from './config-schema.js';

export interface EnvSettings {
  /** PEACEWATCH_CONFIG: path of the YAML file. */
  configPath?: string;
  /** LOG_LEVEL: overrides log.level. */
  logLevel?: string;
  /** PEACEWATCH_STORE_URL: overrides store.url (e.g. postgres://peacewatch@db/peacewatch). */
  storeUrl?: string;
  /** PORT: where the Slack HTTP receiver listens (default 3000). */
  port?: number;
  /** SLACK_API_URL: Slack Web API base (tests, proxies). */
  slackApiUrl?: string;
  /** DISCORD_API_URL: Discord REST base (tests, proxies). */
  discordApiUrl?: string;
  /** OPS_PORT: the ops listener's port (default 9464), or "off". Checked by opsListenerSettings. */
  opsPort?: string;
  /** OPS_HOST: the address the ops listener binds (default 127.0.0.1). */
  opsHost?: string;
  secrets: Secrets;
}

/** Empty and blank variables count as unset (docker-compose writes `FOO=` for "nothing"). */
const value = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
};

const compact = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

export const readEnv = (env: NodeJS.ProcessEnv): EnvSettings => ({
  ...compact({
    configPath: value(env, 'PEACEWATCH_CONFIG'),
    logLevel: value(env, 'LOG_LEVEL'),
    storeUrl: value(env, 'PEACEWATCH_STORE_URL'),
    port: value(env, 'PORT') === undefined ? undefined : Number(value(env, 'PORT')),
    slackApiUrl: value(env, 'SLACK_API_URL'),
    discordApiUrl: value(env, 'DISCORD_API_URL'),
    opsPort: value(env, 'OPS_PORT'),
    opsHost: value(env, 'OPS_HOST'),
  }),
  secrets: compact({
    slackBotToken: value(env, 'SLACK_BOT_TOKEN'),
    slackSigningSecret: value(env, 'SLACK_SIGNING_SECRET'),
    slackAppToken: value(env, 'SLACK_APP_TOKEN'),
    discordToken: value(env, 'DISCORD_TOKEN'),
    discordApplicationId: value(env, 'DISCORD_APPLICATION_ID'),
  }),
});

const isLogLevel = (level: string): level is PeacewatchConfig['log']['level'] =>
  (LOG_LEVELS as readonly string[]).includes(level);

/** Environment wins over the file for the settings that differ per deployment. */
export const applyEnvOverrides = (
  config: PeacewatchConfig,
  env: Pick<EnvSettings, 'logLevel' | 'storeUrl'>,
): PeacewatchConfig => {
  const problems: string[] = [];
  if (env.storeUrl !== undefined && !isStoreUrl(env.storeUrl))
    problems.push(`PEACEWATCH_STORE_URL: ${STORE_URL_EXPECTED}, got ${JSON.stringify(redactUrl(env.storeUrl))}`);
  const level = env.logLevel?.toLowerCase();
  if (level !== undefined && !isLogLevel(level))
    problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(env.logLevel)}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...config,
    store: env.storeUrl !== undefined ? { ...config.store, url: env.storeUrl } : config.store,
    log: level !== undefined && isLogLevel(level) ? { ...config.log, level } : config.log,
  };
};

/** Every known secret value and every credential a URL carries, replaced. */
export const redactSecrets = (text: string, secrets: Secrets): string => redactUrls(redactValues(text, Object.values(secrets)));

/** Prometheus' registered default port for Node.js exporters. */
export const DEFAULT_OPS_PORT = 9464;
export const DEFAULT_OPS_HOST = '127.0.0.1';

/**
 * Where `start` serves /healthz, /readyz and /metrics; undefined with OPS_PORT=off.
 * OPS_PORT=0 takes any free port (logged): what tests use.
 */
export const opsListenerSettings = (env: Pick<EnvSettings, 'opsPort' | 'opsHost'>): { host: string; port: number } | undefined => {
  if (env.opsPort?.toLowerCase() === 'off') return undefined;
  const port = env.opsPort === undefined ? DEFAULT_OPS_PORT : Number(env.opsPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError([`OPS_PORT: expected a port number (0–65535) or "off", got ${JSON.stringify(env.opsPort)}`]);
  return { host: env.opsHost ?? DEFAULT_OPS_HOST, port };
};
