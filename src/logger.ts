import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Secrets } from './config/config-types.js';
import { redactSecrets } from './config/env.js';

/**
 * Logs go to stderr (stdout belongs to alerts and JSON output): JSON lines for
 * machines, a readable form on a terminal. Secrets never reach a field: tokens are
 * redacted by path, and config/env.ts keeps them out of objects we log.
 */
export function createLogger(opts: {
  level: string;
  pretty: boolean;
  secrets?: Secrets;
  /** Where lines go; stderr by default. */
  destination?: NodeJS.WritableStream;
}): Logger {
  const secrets = opts.secrets ?? {};
  const options = {
    level: opts.level,
    base: undefined,
    // A token can still hide in a message (an error quoting a URL, a library's text): scrub every one.
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactSecrets(a, secrets) : a)),
        );
      },
    },
    redact: {
      paths: ['token', '*.token', 'secrets', '*.secrets', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (opts.pretty) {
    return pino(
      options,
      pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' }),
    );
  }
  return pino(options, opts.destination ?? pino.destination({ dest: 2, sync: true }));
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
