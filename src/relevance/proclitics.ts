/**
 * Hebrew and Arabic write short words as prefixes of the next one: "and", "the", "in", "to"
 * (ורוסיה = and Russia, بالكرملين = in the Kremlin). A term written in either script is also
 * matched with those prefixes, so a pack lists a name once, as a dictionary would.
 */
const HEBREW_PREFIXES = ['ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ', 'וה', 'וב', 'ול', 'ומ', 'שה', 'שב', 'של', 'מה', 'לה', 'כש'];
// Persian writes these as words of their own: only Arabic letters that Persian lacks, or
// the article, mark a term as Arabic; a Persian term gets no prefixes.
const ARABIC_PREFIXES = ['و', 'ب', 'ل', 'ف', 'ال', 'وال', 'بال', 'فال', 'لل', 'وب', 'ول', 'وبال', 'ولل'];

const HEBREW_RE = /^\p{Script=Hebrew}/u;
const ARABIC_RE = /^\p{Script=Arabic}/u;
// Letters only Persian (and Urdu) use: پ چ ژ گ and the Persian kaf and yeh.
const PERSIAN_LETTERS_RE = /[پچژگکی]/u;

/** The term and its prefixed forms (the prefix joins the first word). */
export function withProclitics(term: string): string[] {
  const first = term.trimStart();
  if (HEBREW_RE.test(first)) return [term, ...HEBREW_PREFIXES.map((p) => p + first)];
  if (ARABIC_RE.test(first) && !PERSIAN_LETTERS_RE.test(first)) {
    if (!first.startsWith('ال')) return [term, ...ARABIC_PREFIXES.map((p) => p + first)];
    // With the article: و ب ف join it, ل merges with it (الكرملين → للكرملين).
    const rest = first.slice(2);
    return [term, ...['و', 'ب', 'ف', 'وب'].map((p) => p + first), `لل${rest}`, `ولل${rest}`];
  }
  return [term];
}
