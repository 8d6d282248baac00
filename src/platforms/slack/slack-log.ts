import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';
import { createLogThrottle } from '../../log-throttle.js';
import { redactUrls, redactValues } from '../../redact.js';


/**
 * Bolt and the WebClient log through this into pino. Their debug chatter goes to trace.
 * Any secret that would appear in a message is replaced, as a last line of defence, and
 * warnings and errors are rate-limited per kind of line.
 */
export function createBoltLogger(log: Logger, secrets: Array<string | undefined>, now: () => number = Date.now): BoltLogger {
  // Bolt warns once per forged request ("Failed to parse and verify…"): a flood must not become one line each.
  const throttle = createLogThrottle({ burst: 3, windowMs: 60_000, now });
  const limited = (write: (line: string) => void) => (line: string) => {
    const held = throttle.admit(line.slice(0, 48));
    if (held !== undefined) write(held > 0 ? `${line} (${held} similar lines held back)` : line);
  };
  const warn = limited((line) => log.warn(line));
  const error = limited((line) => log.error(line));
  const text = (parts: unknown[]) =>
    redactUrls(redactValues(parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p))).join(' '), secrets));
  let level = 'info' as LogLevel;
  return {
    debug: (...msg) => log.trace(text(msg)),
    info: (...msg) => log.debug(text(msg)),
    warn: (...msg) => warn(text(msg)),
    error: (...msg) => error(text(msg)),
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
