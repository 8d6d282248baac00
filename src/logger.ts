import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Secrets } from './config/config-types.js';
import { redactSecrets } from './config/env.js';
import { toError } from './errors.js';
import { redactDeep } from './redact.js';

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
    // Every string in the line, any field, loses known secrets and URL credentials; errors are
    // logged by what they say, not by everything they carry (a discord.js error holds the request
    // URL, with an interaction token, and the whole request body). pino runs this before serializers.
    formatters: { log: (obj: Record<string, unknown>) => redactDeep(obj, (s) => redactSecrets(s, secrets), serializeError) as Record<string, unknown> },
    redact: {
      paths: ['token', '*.token', 'secrets', '*.secrets', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (opts.pretty) {
    return pino(
      options,
      // singleLine: a line's fields stay on its line, so a terminal shows one line per event.
      pretty({ destination: 2, sync: true, colorize: true, singleLine: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' }),
    );
  }
  return pino(options, opts.destination ?? pino.destination({ dest: 2, sync: true }));
}

/** name, message, stack, and the codes that classify it; never request bodies, headers or URLs. */
export function serializeError(value: unknown): Record<string, unknown> {
  const err = toError(value);
  const extra = err as unknown as { code?: unknown; status?: unknown; method?: unknown };
  return {
    type: err.name,
    message: err.message,
    ...(err.stack ? { stack: err.stack } : {}),
    ...(typeof extra.code === 'string' || typeof extra.code === 'number' ? { code: extra.code } : {}),
    ...(typeof extra.status === 'number' ? { status: extra.status } : {}),
    ...(typeof extra.method === 'string' ? { method: extra.method } : {}),
    ...(err.cause !== undefined && err.cause !== value ? { cause: toError(err.cause).message } : {}),
  };
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
