import { tokenizeNfc, tokenizeTerm, type Token } from './normalize-text.js';

/**
 * All terms of all topics (and user keywords) compiled into one token trie, searched
 * once per text: cost grows with the text, not with the number of terms.
 * A stem token (`Уиткофф*`) matches any token that starts with it.
 */
export interface TermEntry<T> {
  /** As written in the definition, for evidence. */
  term: string;
  /** What is matched, when it differs from `term` (a form of it, e.g. with a prefix). */
  pattern?: string;
  payload: T;
}

export interface TermHit<T> {
  entry: TermEntry<T>;
  /** Character span in the searched text (its NFC form). */
  start: number;
  end: number;
  text: string;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  /** Children reached by a stem token: prefix → node. */
  stemNext: Map<string, TrieNode<T>>;
  /** Lengths of those prefixes, ascending: a lookup tries only lengths that can match. */
  stemLengths: number[];
  /** Entries whose tokens end here. */
  entries: TermEntry<T>[];
}

const MAX_ROOT_CACHE = 50_000;
const NOWHERE: never[] = [];
const PREFIX = 3;
const FILTER_BITS = 1 << 16;

/** The first characters of a token (at most PREFIX) and its length up to PREFIX, hashed into the filter. */
function prefixKey(token: string): number {
  const length = Math.min(token.length, PREFIX);
  let h = length;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FILTER_BITS;
}

/**
 * Most tokens of a text start no term. A bit per hashed short prefix of every first token
 * says so without building a key for the token or probing a large map (a Bloom filter with
 * one hash: no false "no"). A stem shorter than the prefix defeats it; then it lets all through.
 */
function compilePrefixFilter<T>(root: TrieNode<T>): (token: string) => boolean {
  const bits = new Uint32Array(FILTER_BITS / 32);
  const set = (key: number) => void (bits[key >>> 5]! |= 1 << (key & 31));
  for (const token of root.next.keys()) set(prefixKey(token));
  for (const stem of root.stemNext.keys()) {
    if (stem.length < PREFIX) return () => true;
    set(prefixKey(stem));
  }
  return (token) => {
    const key = prefixKey(token);
    return (bits[key >>> 5]! & (1 << (key & 31))) !== 0;
  };
}

const newNode = <T>(): TrieNode<T> => ({ next: new Map(), stemNext: new Map(), stemLengths: [], entries: [] });

/** Occurrences of one term recorded per search: evidence needs one, scoring counts entities. */
export const MAX_HITS_PER_TERM = 8;
/** Hits recorded per search (one field of one article). */
export const MAX_HITS_PER_SEARCH = 1_000;

export interface TermIndex<T> {
  readonly size: number;
  /** Every hit in the text; overlapping hits are all reported. */
  search(text: string): TermHit<T>[];
  searchTokens(tokens: readonly Token[], text: string): TermHit<T>[];
}

export function compileTermIndex<T>(entries: Iterable<TermEntry<T>>): TermIndex<T> {
  const root = newNode<T>();
  let size = 0;

  for (const entry of entries) {
    const tokens = tokenizeTerm(entry.pattern ?? entry.term);
    if (tokens.length === 0) continue;
    let node = root;
    for (const tok of tokens) {
      const children = tok.stem ? node.stemNext : node.next;
      let child = children.get(tok.value);
      if (!child) children.set(tok.value, (child = newNode<T>()));
      if (tok.stem && !node.stemLengths.includes(tok.value.length)) {
        node.stemLengths.push(tok.value.length);
        node.stemLengths.sort((a, b) => a - b);
      }
      node = child;
    }
    node.entries.push(entry);
    size++;
  }

  const startsSomeTerm = compilePrefixFilter(root);

  function step(node: TrieNode<T>, value: string, into: TrieNode<T>[]): void {
    const exact = node.next.get(value);
    if (exact) into.push(exact);
    for (const len of node.stemLengths) {
      if (len > value.length) break;
      const stem = node.stemNext.get(value.slice(0, len));
      if (stem) into.push(stem);
    }
  }

  // Every token of every text is looked up at the root, and most lead nowhere: the root's
  // answer per token is kept (bounded, dropped whole when full), as vocabulary repeats.
  const fromRoot = new Map<string, TrieNode<T>[]>();
  function stepFromRoot(value: string): TrieNode<T>[] {
    if (!startsSomeTerm(value)) return NOWHERE;
    let nodes = fromRoot.get(value);
    if (nodes === undefined) {
      nodes = [];
      step(root, value, nodes);
      if (fromRoot.size >= MAX_ROOT_CACHE) fromRoot.clear();
      fromRoot.set(value, nodes);
    }
    return nodes;
  }

  function searchTokens(tokens: readonly Token[], text: string): TermHit<T>[] {
    const hits: TermHit<T>[] = [];
    // Hits counted per term; past the cap a term is counted, not recorded (nested terms over a
    // repetitive text would otherwise record every overlapping occurrence: millions).
    const counts = new Map<TermEntry<T>, number>();
    for (let i = 0; i < tokens.length; i++) {
      let active = stepFromRoot(tokens[i]!.value);
      for (let j = i; active.length > 0; ) {
        for (const node of active) {
          for (const entry of node.entries) {
            const n = counts.get(entry) ?? 0;
            counts.set(entry, n + 1);
            if (n >= MAX_HITS_PER_TERM || hits.length >= MAX_HITS_PER_SEARCH) continue;
            const start = tokens[i]!.start;
            const end = tokens[j]!.end;
            hits.push({ entry, start, end, text: text.slice(start, end) });
          }
        }
        if (++j >= tokens.length) break;
        const next: TrieNode<T>[] = [];
        for (const node of active) step(node, tokens[j]!.value, next);
        active = next;
      }
    }
    return hits;
  }

  return {
    size,
    searchTokens,
    search: (text) => {
      const nfc = text.normalize('NFC');
      return searchTokens(tokenizeNfc(nfc), nfc);
    },
  };
}
