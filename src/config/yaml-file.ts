/**
 * Reading one YAML file and validating it against a schema, with problems reported as
 * "file: key.path: expected …" (plus the line when the key exists in the file).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { describeIssues, expectationErrorMap, formatPath } from './format-issues.js';
import { errorMessage } from '../errors.js';

export interface YamlFile {
  /** As shown in messages: relative to the working directory when inside it. */
  display: string;
  data: unknown;
  /** Line of the value at path (or of its nearest existing parent). */
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

export type ReadResult = { ok: true; file: YamlFile } | { ok: false; problems: string[] };

export const displayPath = (absPath: string, cwd: string): string => {
  const rel = relative(cwd, absPath);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absPath;
};

const firstLine = (message: string): string =>
  (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');

export const readYamlFile = async (absPath: string, display: string, what: string): Promise<ReadResult> => {
  let text: string;
  try {
    text = await readFile(absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? `${what} not found (looked for ${absPath})` : code === 'EISDIR' ? `expected a ${what}, found a folder` : `cannot read the ${what}: ${errorMessage(error)}`;
    return { ok: false, problems: [`${display}: ${reason}`] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${display}:${pos ? `${pos.line}:${pos.col}` : '?'}: YAML syntax error: ${firstLine(e.message)}`;
      }),
    };
  return {
    ok: true,
    file: { display, data: doc.toJS() ?? {}, lineOf: (path) => lineOf(doc, lineCounter, path) },
  };
};

const lineOf = (doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined => {
  for (let n = path.length; n >= 1; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
};

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export const validateFile = <S extends z.ZodType>(schema: S, file: YamlFile): Validated<z.output<S>> => {
  const result = schema.safeParse(file.data, { reportInput: true, error: expectationErrorMap });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: describeIssues(result.error.issues).map(({ path, text }) => problemAt(file, path, text)),
  };
};

/** "file: key.path: text (line N)". */
export const problemAt = (file: YamlFile, path: readonly PropertyKey[], text: string): string => {
  const line = path.length > 0 ? file.lineOf(path) : undefined;
  return `${file.display}: ${formatPath(path)}: ${text}${line !== undefined ? ` (line ${line})` : ''}`;
};
