/**
 * Text folding shared by topic terms and article text, so both sides compare equal:
 * case, accents and a few script variants fold away (É = e, ё = е, ł = l, ß = ss),
 * and text splits into tokens on anything that is not a letter or digit — which gives
 * letter boundaries that work for Cyrillic, unlike RegExp `\b`.
 */

// Letters NFKD does not decompose; folded by hand. Both sides of a match go through this.
const EXTRA_FOLDS: Record<string, string> = {
  ł: 'l',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const EXTRA_FOLD_RE = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'gu');
const COMBINING_MARKS_RE = /\p{M}+/gu;
const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** Fold one string: NFKD, marks removed, lower-case, extra letters folded. Keeps length-independent punctuation. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .toLowerCase()
    .replace(EXTRA_FOLD_RE, (ch) => EXTRA_FOLDS[ch] ?? ch);
}

export interface Token {
  /** Folded token text. */
  value: string;
  /** Offsets into the NFC form of the text (what ingest produces), for evidence. */
  start: number;
  end: number;
}

/**
 * Split text into folded tokens, keeping original offsets. Folding is done per token
 * so offsets stay exact even when NFKD changes lengths.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Tokenize the NFC form so precomposed and decomposed inputs give the same tokens;
  // marks are letters-adjacent, so match letters plus following marks.
  const nfc = text.normalize('NFC');
  for (const m of nfc.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
    const raw = m[0];
    const start = m.index;
    // A token may fold into several (e.g. "l’" is not a token, but "ß" → "ss" stays one).
    for (const sub of foldText(raw).matchAll(TOKEN_RE)) {
      tokens.push({ value: sub[0], start, end: start + raw.length });
    }
  }
  return tokens;
}

export interface TermToken {
  value: string;
  /** Written with a trailing `*`: matches any token that starts with `value`. */
  stem: boolean;
}

/** Tokens of a term as written in a topic pack; `word*` marks a stem. */
export function tokenizeTerm(term: string): TermToken[] {
  const out: TermToken[] = [];
  for (const word of term.trim().split(/\s+/u)) {
    const stem = word.endsWith('*');
    const tokens = tokenize(stem ? word.slice(0, -1) : word);
    // A stem applies to the last token of its word ("28-point*" → 28, point*).
    tokens.forEach((t, i) => out.push({ value: t.value, stem: stem && i === tokens.length - 1 }));
  }
  return out;
}
