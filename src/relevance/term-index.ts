import { tokenize, tokenizeTerm, type Token } from './normalize-text.js';

/**
 * All terms of all topics (and user keywords) compiled into one token trie, searched
 * once per text: cost grows with the text, not with the number of terms.
 * A stem token (`Уиткофф*`) matches any token that starts with it.
 */
export interface TermEntry<T> {
  /** As written in the definition, for evidence. */
  term: string;
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
  /** Entries whose tokens end here. */
  entries: TermEntry<T>[];
}

const newNode = <T>(): TrieNode<T> => ({ next: new Map(), stemNext: new Map(), entries: [] });

export interface TermIndex<T> {
  readonly size: number;
  /** Every hit in the text; overlapping hits are all reported. */
  search(text: string): TermHit<T>[];
  searchTokens(tokens: Token[], text: string): TermHit<T>[];
}

export function compileTermIndex<T>(entries: Iterable<TermEntry<T>>): TermIndex<T> {
  const root = newNode<T>();
  let size = 0;
  // Stem lengths that exist, so a lookup tries only prefix lengths that can match.
  const stemLengths = new Set<number>();

  for (const entry of entries) {
    const tokens = tokenizeTerm(entry.term);
    if (tokens.length === 0) continue;
    let node = root;
    for (const tok of tokens) {
      const children = tok.stem ? node.stemNext : node.next;
      let child = children.get(tok.value);
      if (!child) children.set(tok.value, (child = newNode<T>()));
      if (tok.stem) stemLengths.add(tok.value.length);
      node = child;
    }
    node.entries.push(entry);
    size++;
  }
  const sortedStemLengths = [...stemLengths].sort((a, b) => a - b);

  const step = (node: TrieNode<T>, value: string, into: TrieNode<T>[]) => {
    const exact = node.next.get(value);
    if (exact) into.push(exact);
    if (node.stemNext.size === 0) return;
    for (const len of sortedStemLengths) {
      if (len > value.length) break;
      const stem = node.stemNext.get(value.slice(0, len));
      if (stem) into.push(stem);
    }
  };

  function searchTokens(tokens: Token[], text: string): TermHit<T>[] {
    const hits: TermHit<T>[] = [];
    let active: TrieNode<T>[] = [];
    let next: TrieNode<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      active = [root];
      for (let j = i; j < tokens.length && active.length > 0; j++) {
        next = [];
        for (const node of active) step(node, tokens[j]!.value, next);
        for (const node of next) {
          for (const entry of node.entries) {
            const start = tokens[i]!.start;
            const end = tokens[j]!.end;
            hits.push({ entry, start, end, text: text.slice(start, end) });
          }
        }
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
      return searchTokens(tokenize(nfc), nfc);
    },
  };
}
