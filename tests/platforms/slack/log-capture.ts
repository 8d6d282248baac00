import { pino, type Logger } from 'pino';

/** A real pino logger that keeps its JSON lines, so tests can read what was logged (and what was not). */
export function captureLog(level = 'trace'): { log: Logger; lines: Array<Record<string, unknown>>; raw: string[] } {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level }, {
    write(s: string) {
      raw.push(s);
      lines.push(JSON.parse(s) as Record<string, unknown>);
    },
  });
  return { log, lines, raw };
}
