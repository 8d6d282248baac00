import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { PeacewatchConfig } from '../config/config-types.js';
import { createClassifier, type ClassifyInput, type ClassifyVerdict } from '../pipeline/classifier.js';
import { errorMessage } from '../errors.js';

/**
 * `classify`: JSON lines in, exactly one JSON line out per input line, in order. A line
 * that cannot be read still gets its line out (relevant false) and a message on stderr.
 */
export async function runClassifyCommand(opts: {
  config: PeacewatchConfig;
  input: Readable;
  out: Writable;
  log: Logger;
  now?: () => number;
}): Promise<number> {
  const now = opts.now ?? Date.now;
  const classifier = await createClassifier(opts.config);
  let lineNo = 0;
  let failures = 0;
  try {
    for await (const line of createInterface({ input: opts.input, crlfDelay: Infinity })) {
      lineNo++;
      if (line.trim() === '') continue;
      let verdict: ClassifyVerdict;
      const parsed = parseInput(line);
      if (typeof parsed === 'string') {
        failures++;
        opts.log.warn({ line: lineNo }, `classify: ${parsed}`);
        verdict = emptyVerdict(idOf(line) ?? `line-${lineNo}`);
      } else {
        verdict = await classifier.classify(parsed, now());
      }
      if (!opts.out.write(`${JSON.stringify(verdict)}\n`)) await new Promise((r) => opts.out.once('drain', r));
    }
  } finally {
    await classifier.close();
  }
  if (failures > 0) opts.log.warn({ failures }, 'classify: some lines could not be read');
  return 0;
}

function parseInput(line: string): ClassifyInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `not JSON: ${errorMessage(err)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const obj = value as Record<string, unknown>;
  if (obj['id'] === undefined || obj['id'] === null) return 'expected an "id"';
  for (const key of ['title', 'summary', 'url', 'published', 'language']) {
    if (obj[key] !== undefined && obj[key] !== null && typeof obj[key] !== 'string') return `expected "${key}" to be a string or null`;
  }
  return { ...(obj as unknown as ClassifyInput), id: String(obj['id']) };
}

function idOf(line: string): string | undefined {
  try {
    const id = (JSON.parse(line) as { id?: unknown }).id;
    return id === undefined || id === null ? undefined : String(id);
  } catch {
    return undefined;
  }
}

const emptyVerdict = (id: string): ClassifyVerdict => ({
  id,
  relevant: false,
  score: 0,
  language: null,
  topics: [],
  actors: [],
  places: [],
  story: null,
  gist: '',
  summary: '',
  kind: null,
  urgency: null,
  reason: '',
});
