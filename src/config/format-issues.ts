/**
 * Turns zod issues into "file: key.path: expected …, got …" lines.
 * Schema-level messages (config-schema.ts) already start with "expected"; this error map
 * writes the same kind of message for zod's built-in checks.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
};

const bound = (issue: { inclusive?: boolean }, inclusiveSign: string, strictSign: string): string =>
  issue.inclusive === false ? strictSign : inclusiveSign;

/** Pass as `error` to safeParse: used only where the schema did not set its own message. */
export const expectationErrorMap = (issue: RawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'expected a non-empty string' : `expected at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `expected a number ${bound(issue, '≥', '>')} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `expected at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `expected at most ${issue.maximum} items`;
      return `expected a number ${bound(issue, '≤', '<')} ${issue.maximum}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      return shape ? `expected one of ${Object.keys(shape).join(', ')}` : 'expected no such key';
    }
    case 'invalid_format':
      return `expected a ${issue.format}`;
    default:
      return undefined;
  }
};

/** "feeds[3].url", "topics.dir", "(top level)". */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
};

const describeValue = (value: unknown): string => {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return String(value);
};

const got = (issue: Issue): string => {
  if (issue.code === 'unrecognized_keys') return '';
  if (!('input' in issue)) return '';
  if (issue.input === undefined) return issue.code === 'invalid_type' ? ', got nothing (the key is missing)' : '';
  return `, got ${describeValue(issue.input)}`;
};

export interface IssueLine {
  path: readonly PropertyKey[];
  text: string;
}

/** One line per problem, path-first; unknown keys get one line each. */
export const describeIssues = (issues: readonly Issue[]): IssueLine[] =>
  issues.flatMap((issue): IssueLine[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...issue.path, key], text: `unknown key; ${issue.message}` }));
    if (issue.code === 'invalid_key') {
      const inner = issue.issues[0];
      return [{ path: issue.path, text: `${inner?.message ?? 'invalid key'}, got ${describeValue(issue.input)}` }];
    }
    if (issue.code === 'invalid_union') {
      const inner = issue.errors[0]?.[0];
      return inner ? describeIssues([{ ...inner, path: [...issue.path, ...inner.path] }]) : [{ path: issue.path, text: issue.message }];
    }
    return [{ path: issue.path, text: `${issue.message}${got(issue)}` }];
  });
