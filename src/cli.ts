#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/load-config.js';
import { opsListenerSettings, readEnv } from './config/env.js';
import { LOG_LEVELS } from './config/config-schema.js';
import { createLogger } from './logger.js';
import { MissingSettingError, UsageError } from './cli/cli-errors.js';
import { StoreError } from './store/store-error.js';
import { OpsListenError } from './ops/ops-server.js';
import { errorMessage, toError } from './errors.js';
import { redactUrls } from './redact.js';

// Each command's module is loaded when it runs: `check` or `classify` need not load
// discord.js and Bolt, and start in a fraction of the time.

const USAGE = `peacewatch — alerts on the Russia–Ukraine peace talks, in Slack, Discord or the console

Usage: npm run -s cli -- <command> [options]

Commands:
  start                 poll feeds on schedule and deliver alerts (npm start)
  once                  run exactly one cycle over all feeds, print a tally, exit
  demo [--fresh] [--watch]
                        run the offline demo on bundled feeds (npm run demo)
  check                 validate the configuration and exit (non-zero on error)
  fetch <url> [--json]  fetch one feed and print what peacewatch sees in it
  latency [--json]      median and p95 publication-to-post latency over the last day, per feed and overall
  classify              JSON lines in (id, title, summary, url, published), one verdict per line out
  eval                  precision, recall and F1 per language, and story B-cubed F1, on the labelled corpus
  discord:register [--guild ID]
                        register the /peacewatch command (DISCORD_TOKEN, DISCORD_APPLICATION_ID)
  discord:invite        print the URL that adds the bot with minimal permissions
  help                  this text

Options:
  --config PATH         config file (default: $PEACEWATCH_CONFIG, else config/default.yaml)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent (default: config, $LOG_LEVEL)
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      'log-level': { type: 'string' },
      json: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      language: { type: 'string' },
      guild: { type: 'string' },
      corpus: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'help', ...rest] = positionals;
  const level = values['log-level'];
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level.toLowerCase()))
    throw new UsageError(`--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  if (level !== undefined) values['log-level'] = level.toLowerCase();
  if (values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const env = readEnv(process.env);
  const stderrIsTty = Boolean(process.stderr.isTTY);
  const makeLogger = (configLevel?: string) =>
    createLogger({ level: values['log-level'] ?? env.logLevel ?? configLevel ?? 'info', pretty: stderrIsTty, secrets: env.secrets });
  // Environment overrides (PEACEWATCH_STORE_URL, LOG_LEVEL) are validated by the loader.
  const load = () => loadConfig(values.config, { env });
  const deployment = { port: env.port, slackApiUrl: env.slackApiUrl, discordApiUrl: env.discordApiUrl };

  switch (command) {
    case 'check': {
      const { runCheckCommand } = await import('./cli/check-command.js');
      return runCheckCommand({ load, out: process.stdout, secrets: env.secrets });
    }
    case 'fetch': {
      const url = rest[0];
      if (!url) throw new UsageError('fetch: give a feed URL, e.g. npm run -s cli -- fetch https://example.org/rss.xml');
      const { runFetchCommand } = await import('./cli/fetch-command.js');
      return runFetchCommand({ url, json: values.json, language: values.language, load, out: process.stdout });
    }
    case 'once': {
      const { runOnceCommand } = await import('./cli/run-commands.js');
      const config = await load();
      return runOnceCommand({ config, secrets: env.secrets, log: makeLogger(config.log.level), out: process.stdout, deployment });
    }
    case 'start': {
      const { runStartCommand } = await import('./cli/run-commands.js');
      const config = await load();
      const ops = opsListenerSettings(env);
      return runStartCommand({ config, secrets: env.secrets, log: makeLogger(config.log.level), out: process.stdout, deployment, ops });
    }
    case 'latency': {
      const { runLatencyCommand } = await import('./cli/latency-command.js');
      return runLatencyCommand({ config: await load(), json: values.json, out: process.stdout });
    }
    case 'classify': {
      const { runClassifyCommand } = await import('./cli/classify-command.js');
      const config = await load();
      return runClassifyCommand({ config, input: process.stdin, out: process.stdout, log: makeLogger(config.log.level) });
    }
    case 'eval': {
      const { runEvalCommand } = await import('./cli/eval-command.js');
      const config = await load();
      return runEvalCommand({ config, corpusPath: values.corpus, out: process.stdout });
    }
    case 'discord:register': {
      const { runDiscordRegister } = await import('./cli/discord-commands.js');
      return runDiscordRegister({ secrets: env.secrets, guildId: values.guild, apiUrl: env.discordApiUrl, out: process.stdout });
    }
    case 'discord:invite': {
      const { runDiscordInvite } = await import('./cli/discord-commands.js');
      return runDiscordInvite({ secrets: env.secrets, out: process.stdout });
    }
    case 'demo': {
      const { runDemoCommand } = await import('./cli/demo-command.js');
      return runDemoCommand({ fresh: values.fresh, watch: values.watch, makeLogger, out: process.stdout });
    }
    default:
      throw new UsageError(`unknown command "${command}". Run "npm run -s cli -- help".`);
  }
}


// Run when executed directly (tsx src/cli.ts, node dist/cli.js), not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts') || process.argv[1]?.endsWith('/cli.js')) {
  // A reader that stops early (`fetch --json | head -1`) closes the pipe: that ends the command, quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`peacewatch: cannot write to stdout: ${err.message}\n`);
    process.exit(1);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof StoreError || err instanceof UsageError || err instanceof MissingSettingError || err instanceof OpsListenError) {
        process.stderr.write(`peacewatch: ${err.message}\n`);
        process.exitCode = 2;
      } else if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`peacewatch: ${err.message}\n\n${USAGE}`);
        process.exitCode = 2;
      } else {
        // Not through the logger, so redacted here: a library's error can quote a URL with its credentials.
        process.stderr.write(`peacewatch: unexpected error: ${redactUrls(toError(err).stack ?? errorMessage(err))}\n`);
        process.exitCode = 1;
      }
    },
  );
}
