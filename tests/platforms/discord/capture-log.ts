// A real pino logger whose JSON lines are kept in memory, so tests can read what was logged.
import { pino } from 'pino';
import type { Logger } from 'pino';

export interface CapturedLog {
  log: Logger;
  lines: Array<{ level: number; msg: string; [key: string]: unknown }>;
}

export function captureLog(): CapturedLog {
  const lines: CapturedLog['lines'] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as CapturedLog['lines'][number]) });
  return { log, lines };
}
