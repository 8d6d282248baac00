import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * Logs go to stderr (stdout belongs to alerts and JSON output): JSON lines for
 * machines, a readable form on a terminal. Secrets never reach a field: tokens are
 * redacted by path, and config/env.ts keeps them out of objects we log.
 */
export function createLogger(opts: { level: string; pretty: boolean }): Logger {
  const options = {
    level: opts.level,
    base: undefined,
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
  return pino(options, pino.destination({ dest: 2, sync: true }));
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
