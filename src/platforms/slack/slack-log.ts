import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';
import { redactUrls, redactValues } from '../../redact.js';


/**
 * Bolt and the WebClient log through this into pino. Their debug chatter goes to trace.
 * Any secret that would appear in a message is replaced, as a last line of defence.
 */
export function createBoltLogger(log: Logger, secrets: Array<string | undefined>): BoltLogger {
  const text = (parts: unknown[]) =>
    redactUrls(redactValues(parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p))).join(' '), secrets));
  let level = 'info' as LogLevel;
  return {
    debug: (...msg) => log.trace(text(msg)),
    info: (...msg) => log.debug(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
