/**
 * Text folding shared by topic terms and article text, so both sides compare equal:
 * case, accents and a few script variants fold away (É = e, ё = е, ł = l, ß = ss),
 * and text splits into tokens on anything that is not a letter or digit — which gives
 * letter boundaries that work for Cyrillic, unlike RegExp `\b`.
 */

// Letters NFKD does not decompose; folded by hand. Both sides of a match go through this.
// Final sigma folds to sigma, so a Greek word reads the same wherever it ends.
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
  ς: 'σ',
  // Arabic and Persian write the same names with their own yeh and kaf (ويتكوف / ویتکاف).
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
};
const EXTRA_FOLD_RE = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'gu');
// Accents and points go (É = e, Hebrew and Arabic vowel points), but not the vowel signs of
// the Indic scripts, which are letters in all but name (पुतिन without them is पतन, "fall");
// their nukta goes (ज़ = ज), as spellings differ on it.
const COMBINING_MARKS_RE = /(?:(?![\u0900-\u0DFF])\p{M}|[\u093C\u09BC\u0A3C\u0ABC\u0B3C])+/gu;
// Scripts written without spaces between words (Han, kana) and Hangul, whose words carry
// their particles: each character is a token of its own, so a term (普京, 푸틴) is matched
// as a run of characters wherever it stands.
const SOLO_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const WORD_RE = /^[\p{L}\p{N}\p{M}]*$/u;
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;
const MARK_RE = /\p{M}/u;

/** The definition of folding, one character at a time: NFKD, marks removed, lower-case, extra letters folded. */
function foldSlowly(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .toLowerCase()
    .replace(EXTRA_FOLD_RE, (ch) => EXTRA_FOLDS[ch] ?? ch);
}

const OTHER = 0;
const WORD = 1;
const MARK = 2;
const SOLO = 3;

interface CharInfo {
  /** Letter or digit (a token), a letter that is a token by itself, combining mark (stays in its token), or other (a boundary). */
  kind: typeof OTHER | typeof WORD | typeof MARK | typeof SOLO;
  fold: string;
  /** The fold is the character's own lower case, one for one: a run of such characters folds with toLowerCase. */
  simple: boolean;
  /** The fold is letters, digits and kept marks only (or nothing): it never splits a token. */
  foldIsWord: boolean;
  /** The character is its own fold: a run of such characters is already folded. */
  folded: boolean;
}

function describeChar(ch: string): CharInfo {
  const fold = foldSlowly(ch);
  return {
    kind: SOLO_RE.test(ch) ? SOLO : LETTER_OR_DIGIT_RE.test(ch) ? WORD : MARK_RE.test(ch) ? MARK : OTHER,
    fold,
    // Σ lower-cases by context (σ or ς) in a run: never simple, so it always folds to σ.
    simple: fold === ch.toLowerCase() && fold.length === ch.length && ch !== 'Σ',
    foldIsWord: WORD_RE.test(fold),
    folded: fold === ch && ch !== 'Σ',
  };
}

// Folding is per character (text folds the same whole or in pieces), so it is a table:
// ASCII up front, the rest filled as text is seen.
const ASCII_INFO: readonly CharInfo[] = Array.from({ length: 0x80 }, (_, code) => describeChar(String.fromCharCode(code)));
// Latin, Greek, Cyrillic and most alphabets are below U+3000: an array, then a bounded map.
const DENSE_LIMIT = 0x3000;
const denseInfos: Array<CharInfo | undefined> = new Array(DENSE_LIMIT).fill(undefined);
const charInfos = new Map<number, CharInfo>();
const MAX_CHAR_INFOS = 50_000;

function charInfo(codePoint: number): CharInfo {
  if (codePoint < 0x80) return ASCII_INFO[codePoint]!;
  if (codePoint < DENSE_LIMIT) return (denseInfos[codePoint] ??= describeChar(String.fromCharCode(codePoint)));
  let info = charInfos.get(codePoint);
  if (!info) {
    info = describeChar(String.fromCodePoint(codePoint));
    if (charInfos.size < MAX_CHAR_INFOS) charInfos.set(codePoint, info);
  }
  return info;
}

const ASCII_ONLY_RE = /^[\x00-\x7f]*$/u;

/** Fold one string: NFKD, marks removed, lower-case, extra letters folded. Keeps length-independent punctuation. */
export function foldText(text: string): string {
  if (ASCII_ONLY_RE.test(text)) return text.toLowerCase();
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const info = charInfo(codePoint);
    if (!info.simple) {
      out += text.slice(run, i).toLowerCase() + info.fold;
      run = i + width;
    }
    i += width - 1;
  }
  return out + text.slice(run).toLowerCase();
}

/**
 * The runs of letters and digits of a text, as `text.match(/[\p{L}\p{N}]+/gu)` gives them
 * (null when there are none), without the regular expression's cost: one pass over a
 * per-character table. Meant for folded text, where it is called once per sentence.
 */
export function lettersAndDigitsRuns(text: string): string[] | null {
  let runs: string[] | null = null;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    const kind = charInfo(codePoint).kind;
    const isWord = kind === WORD || kind === SOLO;
    if (isWord && start < 0) start = i;
    else if (!isWord && start >= 0) {
      (runs ??= []).push(text.slice(start, i));
      start = -1;
    }
    if (codePoint > 0xffff) i++;
  }
  if (start >= 0) (runs ??= []).push(text.slice(start));
  return runs;
}

export interface Token {
  /** Folded token text. */
  readonly value: string;
  /** Offsets into the NFC form of the text (what ingest produces), for evidence. */
  readonly start: number;
  readonly end: number;
}

/**
 * Split text into folded tokens, keeping original offsets: a token is a letter or digit
 * and the letters, digits and marks after it, in the NFC form of the text (so precomposed
 * and decomposed inputs give the same tokens). Folding may split a token ("½" → 1, 2);
 * each part keeps the token's offsets.
 */
export function tokenize(text: string): readonly Token[] {
  return tokenizeNfc(text.normalize('NFC'));
}

// The matcher and story clustering both tokenize an article's headline, a few steps apart:
// the last results are kept (shared, hence read-only).
const RECENT = 4;
const recentTexts: string[] = [];
const recentTokens: Array<readonly Token[]> = [];
let recentNext = 0;

/** `tokenize` of text already in NFC (normalizing twice costs a pass over the text). */
export function tokenizeNfc(nfc: string): readonly Token[] {
  for (let k = 0; k < recentTexts.length; k++) if (recentTexts[k] === nfc) return recentTokens[k]!;
  const tokens = tokenizeFresh(nfc);
  recentTexts[recentNext] = nfc;
  recentTokens[recentNext] = tokens;
  recentNext = (recentNext + 1) % RECENT;
  return tokens;
}

function tokenizeFresh(nfc: string): Token[] {
  const tokens: Token[] = [];
  const n = nfc.length;
  let i = 0;
  while (i < n) {
    let codePoint = nfc.codePointAt(i)!;
    let info = charInfo(codePoint);
    if (info.kind !== WORD) {
      const width = codePoint > 0xffff ? 2 : 1;
      if (info.kind === SOLO) pushSolo(tokens, info.fold, i, i + width);
      i += width;
      continue;
    }
    const start = i;
    let splits = false;
    let isFolded = true;
    // Most tokens are letters that fold to their own lower case: one native call at the
    // end. The fold is built by hand from the first character that is not.
    let folded: string | undefined;
    do {
      splits ||= !info.foldIsWord;
      isFolded &&= info.folded;
      if (folded !== undefined) folded += info.fold;
      else if (!info.simple) folded = nfc.slice(start, i).toLowerCase() + info.fold;
      i += codePoint > 0xffff ? 2 : 1;
      if (i >= n) break;
      codePoint = nfc.codePointAt(i)!;
      info = charInfo(codePoint);
    } while (info.kind !== OTHER && info.kind !== SOLO);
    const value = folded ?? (isFolded ? nfc.slice(start, i) : nfc.slice(start, i).toLowerCase());
    if (!splits) {
      if (value) tokens.push({ value, start, end: i });
    } else {
      for (const [part] of value.matchAll(TOKEN_RE)) tokens.push({ value: part, start, end: i });
    }
  }
  return tokens;
}

/** A character that is a token by itself (its fold may be several letters: Hangul → jamo). */
function pushSolo(tokens: Token[], fold: string, start: number, end: number): void {
  if (fold) tokens.push({ value: fold, start, end });
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
