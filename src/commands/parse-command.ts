import { UserError, type Command } from './command-types.js';
import { isQuote, quoteKeyword } from './command-target.js';

/** Longer text is not a command anyone typed; refusing it early bounds every step below. */
export const MAX_COMMAND_LENGTH = 500;
export const MAX_LATEST = 20;

interface Token {
  value: string;
  quoted: boolean;
}

// A Map, not an object literal: user text indexes it, and `__proto__` or `constructor` must find nothing.
const ALIASES: ReadonlyMap<string, Command['name']> = new Map([
  ['subscribe', 'subscribe'],
  ['sub', 'subscribe'],
  ['follow', 'subscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['unsub', 'unsubscribe'],
  ['unfollow', 'unsubscribe'],
  ['list', 'list'],
  ['topics', 'topics'],
  ['latest', 'latest'],
  ['status', 'status'],
  ['pause', 'pause'],
  ['resume', 'resume'],
  ['help', 'help'],
]);

/**
 * Slack's `/peacewatch <text>` → Command. Keyword targets keep their quotes (see
 * command-target.ts); whether an unquoted target is a known topic is for the handler,
 * which knows the topics.
 */
export function parseCommandText(text: string): Command {
  if (text.length > MAX_COMMAND_LENGTH) {
    throw new UserError(`That command is too long (over ${MAX_COMMAND_LENGTH} characters).`);
  }
  const tokens = tokenize(text);
  const [first, ...args] = tokens;
  if (!first) return { name: 'help' };
  const name = first.quoted ? undefined : ALIASES.get(first.value.toLowerCase());
  if (!name) throw new UserError(`Unknown command \`${first.value.slice(0, 40)}\`. Try \`help\`.`);

  switch (name) {
    case 'subscribe': {
      const { target, minScore } = parseTargetArgs(name, args, true);
      return minScore === undefined ? { name, target } : { name, target, minScore };
    }
    case 'unsubscribe':
      return { name, target: parseTargetArgs(name, args, false).target };
    case 'latest':
      return parseLatest(args);
    default:
      if (args.length > 0) throw new UserError(`\`${name}\` takes no arguments.`);
      return { name };
  }
}

function parseTargetArgs(name: string, args: Token[], allowMin: boolean): { target: string; minScore?: number } {
  let minScore: number | undefined;
  const targets: Token[] = [];
  for (const arg of args) {
    const option = arg.quoted ? null : /^min(?:score)?=(.*)$/iu.exec(arg.value);
    if (!option) {
      targets.push(arg);
      continue;
    }
    if (!allowMin) throw new UserError(`\`${name}\` takes no \`min=\` option.`);
    minScore = parseMinScore(option[1] ?? '');
  }
  const example = `\`${name} ukraine-peace-talks\` or \`${name} "security guarantees"\``;
  const [target, ...extra] = targets;
  if (!target) throw new UserError(`Say what to ${name} to: a topic id or a keyword in quotes, e.g. ${example}.`);
  if (extra.length > 0) {
    throw new UserError(`Put a keyword phrase in quotes, e.g. \`${name} "security guarantees"\`, and give one target at a time.`);
  }
  return { target: target.quoted ? quoteKeyword(target.value) : target.value, ...(minScore === undefined ? {} : { minScore }) };
}

export function parseMinScore(raw: string): number {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new UserError('`min` must be a number from 0 to 1, e.g. `min=0.6`.');
  }
  return value;
}

function parseLatest(args: Token[]): Command {
  if (args.length === 0) return { name: 'latest' };
  const [arg, ...extra] = args;
  const count = arg && /^\d{1,3}$/u.test(arg.value) ? Number(arg.value) : NaN;
  if (extra.length > 0 || !(count >= 1 && count <= MAX_LATEST)) {
    throw new UserError(`\`latest\` takes a number from 1 to ${MAX_LATEST}, e.g. \`latest 5\`.`);
  }
  return { name: 'latest', count };
}

/** Whitespace-separated words; a quoted run (any pair of quote marks) is one token. */
function tokenize(text: string): Token[] {
  const chars = [...text];
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (isQuote(ch)) {
      const end = chars.findIndex((c, j) => j > i && isQuote(c));
      if (end < 0) throw new UserError('A quote is not closed: put the keyword between two quotes, e.g. `"security guarantees"`.');
      tokens.push({ value: chars.slice(i + 1, end).join(''), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/u.test(chars[j]!) && !isQuote(chars[j])) j++;
    tokens.push({ value: chars.slice(i, j).join(''), quoted: false });
    i = j;
  }
  return tokens;
}
