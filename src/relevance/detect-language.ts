import { francAll } from 'franc';

/**
 * Language of an article (ISO 639-1), from franc trigrams plus what franc lacks: the
 * feed's declared language as a prior for short or ambiguous text, scripts that name
 * their language (Greek, Hebrew, Georgian, Hangul, kana, Han, Devanagari), letters only
 * Persian writes, and letters only one Cyrillic language uses (franc mixes up uk/ru/be/bg
 * on headlines).
 */
export interface DetectedLanguage {
  language: string | undefined;
  confidence: 'high' | 'low';
}

// franc (ISO 639-3) → ISO 639-1, restricted to the languages of the news we watch:
// fewer candidates means fewer look-alike mistakes (Indonesian for short English, …).
const ISO3_TO_ISO1: Readonly<Record<string, string>> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', pol: 'pl', por: 'pt', nld: 'nl',
  tur: 'tr', ron: 'ro', ces: 'cs', hun: 'hu', hrv: 'hr', srp: 'sr', swe: 'sv', azj: 'az',
  rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk',
  arb: 'ar', pes: 'fa', cmn: 'zh', jpn: 'ja', kor: 'ko', ell: 'el', hin: 'hi',
  fin: 'fi', slk: 'sk', slv: 'sl', lit: 'lt', lvs: 'lv', ekk: 'et',
};
const ONLY = Object.keys(ISO3_TO_ISO1);
// franc's cost grows with the candidates: text in one script is compared with that script's languages only.
const LATIN_ONLY = ['eng', 'fra', 'deu', 'spa', 'ita', 'pol', 'por', 'nld', 'tur', 'ron', 'ces', 'hun', 'hrv', 'swe', 'azj',
  'fin', 'slk', 'slv', 'lit', 'lvs', 'ekk', 'srp'];
const LATIN_LANGUAGES: ReadonlySet<string> = new Set(LATIN_ONLY.map((code) => ISO3_TO_ISO1[code]!));
const CYRILLIC_ONLY = ['rus', 'ukr', 'bel', 'bul', 'kaz', 'srp'];
const CYRILLIC_LANGUAGES: ReadonlySet<string> = new Set(CYRILLIC_ONLY.map((code) => ISO3_TO_ISO1[code]!));

// Scripts that name their language by themselves (among the languages we watch): no
// trigram is counted.
const SCRIPT_LANGUAGES: ReadonlyArray<[Script, string]> = [
  ['Hebrew', 'he'],
  ['Georgian', 'ka'],
  ['Armenian', 'hy'],
  ['Greek', 'el'],
  ['Hangul', 'ko'],
  ['Devanagari', 'hi'],
];

// Languages franc is not given (bs is Serbo-Croatian to it, the rest are not watched): a feed
// declaring one of them is trusted whenever the text is in its script.
const PRIOR_ONLY: Readonly<Record<string, 'Latin' | 'Cyrillic'>> = {
  bs: 'Latin', da: 'Latin', no: 'Latin', nb: 'Latin', nn: 'Latin',
  ca: 'Latin', gl: 'Latin', eu: 'Latin', sq: 'Latin', ga: 'Latin',
  is: 'Latin', mt: 'Latin', mk: 'Cyrillic', mn: 'Cyrillic',
};
// Letters Persian writes and Arabic does not: پ چ ژ گ, and its own kaf and yeh.
const PERSIAN_LETTERS_RE = /[پچژگکی]/gu;

/** Below this many letters trigram statistics are noise; the prior wins. */
const MIN_LETTERS = 40;
/** franc's normalised scores: the runner-up within this distance of the top means "unsure". */
const CLOSE_SCORE = 0.08;
/** What one function word or telltale letter adds to a language's franc score. */
const HINT_WEIGHT = 0.04;

export function detectLanguage(text: string, prior?: string): DetectedLanguage {
  const declared = prior ? prior.toLowerCase().split(/[-_]/u)[0] : undefined;
  // Links are not language. Spacing is left as it is: nothing below counts it.
  const sample = text.includes('http') ? text.replace(/https?:\/\/\S+/gu, ' ') : text;
  const { scripts, hints } = readSample(sample);
  const letters = scripts.letters;
  if (letters === 0) return { language: declared, confidence: 'low' };
  const isMostly = (script: Script) => scripts[script] * 2 > letters;

  for (const [script, language] of SCRIPT_LANGUAGES) {
    if (isMostly(script)) return { language, confidence: 'high' };
  }
  // Japanese mixes kana with Han characters; Chinese has Han only.
  const kana = scripts.Hiragana + scripts.Katakana;
  if ((kana + scripts.Han) * 2 > letters) return { language: kana > 0 ? 'ja' : 'zh', confidence: 'high' };
  if (isMostly('Arabic')) {
    // A few Persian letters in a line settle it; Arabic quotes of Persian names are rare.
    const persian = sample.match(PERSIAN_LETTERS_RE)?.length ?? 0;
    return { language: persian * 20 >= scripts.Arabic ? 'fa' : 'ar', confidence: letters >= MIN_LETTERS ? 'high' : 'low' };
  }
  if (declared && PRIOR_ONLY[declared] && isMostly(PRIOR_ONLY[declared])) {
    return { language: declared, confidence: 'low' };
  }

  let ranked: RankedLanguage[];
  if (isMostly('Cyrillic')) {
    // Letters only one Cyrillic language uses settle it before any trigram is counted.
    const byLetters = cyrillicByLetters(sample);
    if (byLetters) return { language: byLetters, confidence: letters >= MIN_LETTERS ? 'high' : 'low' };
    const ruled = ruledOutCyrillic(sample);
    // …and function words ("що", "також" / "что", "также") most of what is left.
    const decided = decisiveHint(hints);
    if (decided && !ruled.has(decided)) return settledByWords(decided, letters, declared, (l) => CYRILLIC_LANGUAGES.has(l) && !ruled.has(l));
    ranked = rankLanguages(sample, CYRILLIC_ONLY, hints).filter((r) => !ruled.has(r.language));
  } else if (isMostly('Latin')) {
    // Function words and telltale letters often settle Latin text before franc's trigrams,
    // which cost more than everything else in classifying an article.
    const decided = decisiveHint(hints);
    if (decided) return settledByWords(decided, letters, declared, (l) => LATIN_LANGUAGES.has(l));
    ranked = rankLanguages(sample, LATIN_ONLY, hints);
    // franc's Serbo-Croatian trigrams do not separate the two standards; the words that differ
    // (posle / poslije) did not settle it, so Latin script says Croatian: Serbian news is
    // mostly written in Cyrillic, and a Serbian feed's declared language still wins below.
    if (ranked[0]?.language === 'sr' && (hints.get('sr') ?? 0) <= (hints.get('hr') ?? 0)) ranked[0] = { ...ranked[0], language: 'hr' };
  } else {
    ranked = rankLanguages(sample, ONLY, hints);
  }

  const [top, second] = ranked;
  if (!top) return { language: declared, confidence: 'low' };
  const unsure = letters < MIN_LETTERS || (second !== undefined && top.score - second.score < CLOSE_SCORE);
  if (!unsure) return { language: top.language, confidence: 'high' };
  if (declared && (declared === top.language || ranked.some((r) => r.language === declared))) {
    return { language: declared, confidence: 'low' };
  }
  // A prior in another script than the text (an "en" feed carrying a Russian item) is ignored.
  return { language: top.language, confidence: 'low' };
}

/**
 * Function words settled it. A headline is too short for anything to be sure: a feed's
 * declared language of the same script wins, as it would over franc's guess.
 */
function settledByWords(
  decided: string,
  letters: number,
  declared: string | undefined,
  possible: (language: string) => boolean,
): DetectedLanguage {
  if (letters >= MIN_LETTERS) return { language: decided, confidence: 'high' };
  return { language: declared && possible(declared) ? declared : decided, confidence: 'low' };
}

interface RankedLanguage {
  language: string;
  score: number;
}

function rankLanguages(sample: string, only: string[], hints: ReadonlyMap<string, number>): RankedLanguage[] {
  const ranked: RankedLanguage[] = [];
  for (const [code, score] of francAll(sample, { only, minLength: 1 })) {
    const language = ISO3_TO_ISO1[code];
    if (language) ranked.push({ language, score: score + HINT_WEIGHT * (hints.get(language) ?? 0) });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

// Trigrams need more text than a headline has; function words and letters only one
// language uses settle short Latin-script text ("Trump says he will meet Putin" is not Swedish).
// A word two languages share counts for both, so a word common in one and rare in the other
// ("war", "dit", "come") is left out; "de" and "en" are in too many to tell anything.
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  en: "the of and to in on for with at by from is are was has have be says said will would could after as over its his her their new an it that this not but than into against amid ahead without about 's",
  fr: "le la les des du une et à au aux pour dans sur est sont selon avec qui que d' l' pas entre après plus aussi mais ou cette ces ses leur leurs été fait nous vous lors chez depuis sans sous vers contre ont il ils elle",
  de: "der die das und ist mit für den dem von im zu nicht ein eine auf des sich nach bei wird vor über auch als aus wie nur noch oder aber dass hat haben sind wurde werden kann soll gegen unter zwischen seit bis zum zur vom beim ohne durch einen einem einer keine kein",
  es: "el la los las del y que con por para una se al es su tras según sobre entre más pero sus ya muy también fue han hasta estos",
  it: "il la l' e di del della delle dei degli che per con gli alla al una è nel nella sul sulla non tra dopo ai dal dalla questo questa stato hanno anche ma più sui nei nelle fra verso senza ancora",
  // Not o, e, do, da, no, na: Slavic prepositions and conjunctions too.
  pt: "os dos das em que com para um uma não ao pelo pela após sobre à às nos nas mais também foi são pelos pelas ou",
  nl: "het een van op is met voor niet dat te zijn naar bij ook na over werd wordt heeft hebben maar nog wel dan door tegen uit om deze aan",
  // Not the words Polish shares with Czech, Slovak and South Slavic (i, na, do, o, to, po, za, jak, tak).
  pl: "w się że nie jest dla oraz przez jego także już może przed podczas który która które został została będzie",
  cs: "v se který která které podle však nebo aby bylo jsou také jeho",
  sk: "v sa ktorý ktorá ktoré podľa však alebo aby bolo sú tiež",
  sl: "v se tudi ki ter bo bila bili pri",
  tr: "ve bir bu ile için olarak ne daha çok sonra",
  ro: "și în cu pe la din care este să pentru după",
  ru: "и с о к что это как его при после также об во со для не был была были уже чтобы или ли где",
  uk: "та що з від у до це як його але також після під про які який яка або ще й щодо",
  bg: "да се е че ще са със във този тази които",
  // Serbian writes e where Croatian writes ije (posle / poslije): the words that differ.
  sr: "takođe posle gde ovde dve vreme predsednik predsednika saopštio uopšte hiljada razmena razmenu tokom saradnja saradnji saradnju",
  hr: "također poslije gdje ovdje dvije vrijeme predsjednik predsjednika tijekom uopće tisuća izaslanstvo suradnja suradnji suradnju",
  fi: "että myös mutta ovat sekä jälkeen mukaan kanssa tai joka",
  et: "ning aga kui mis pärast vastu ütles oma seda",
  sv: "och att det som för är med till av har inte ett efter mot från också",
  lt: "kad su į iš dėl yra buvo taip bet tarp",
  lv: "un ar uz no par arī tiek pēc bija kas",
};
// Each function word → the languages that use it, so a token costs one lookup.
const WORD_LANGUAGES = new Map<string, string[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words.split(' ')) WORD_LANGUAGES.set(word, [...(WORD_LANGUAGES.get(word) ?? []), lang]);
}
// Most words of a text are not function words: a word is looked up only when some function
// word has its length, first and last letter (a one-hash filter: never a false "no").
const FUNCTION_WORD_FILTER = new Uint8Array(1 << 14);
const filterSlot = (length: number, first: number, last: number) => (Math.imul(first, 31) + Math.imul(last, 7) + length * 5) & 0x3fff;
for (const word of WORD_LANGUAGES.keys()) FUNCTION_WORD_FILTER[filterSlot(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1))] = 1;
// Letters one language uses and its neighbours lack, matched in one pass.
const TELLTALE_LETTERS: ReadonlyMap<number, string> = new Map(
  // Not õ for Portuguese: Estonian writes it in nearly every line.
  Object.entries({ pl: 'łąęśźżń', tr: 'ığş', de: 'ß', es: 'ñ', pt: 'ã', hu: 'őű', cs: 'řěů', ro: 'ățș', sv: 'å', lv: 'āēīļņķģ', lt: 'ėįų', sk: 'ľĺŕô' }).flatMap(
    ([lang, letters]) => [...letters].map((letter) => [letter.codePointAt(0)!, lang] as const),
  ),
);

/**
 * Letters per script, and function words and telltale letters per language: one pass over
 * the lower-cased text. A word is a run of letters, optionally with one apostrophe and the
 * letters after it ("l'ukraine", "trump's"); a lone "'s" after a non-letter counts as English's.
 */
function readSample(sample: string): { scripts: Record<Script | 'letters', number>; hints: Map<string, number> } {
  const hints = new Map<string, number>();
  const telltale = new Map<string, number>();
  const scriptCounts: number[] = new Array(SCRIPTS.length + 1).fill(0);
  // Lower case has the letters, and the scripts, of the text (İ gains a mark, not a letter).
  const text = sample.toLowerCase();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const codePoint = text.codePointAt(i)!;
    if (scriptIndex(codePoint) !== NOT_A_LETTER) {
      const end = skipLetters(text, i, telltale, scriptCounts);
      if (end < n && isApostrophe(text.charCodeAt(end))) {
        const after = skipLetters(text, end + 1, telltale, scriptCounts);
        countApostropheWord(`${text.slice(i, end)}'${text.slice(end + 1, after)}`, end - i, hints);
        i = after;
      } else {
        if (FUNCTION_WORD_FILTER[filterSlot(end - i, text.charCodeAt(i), text.charCodeAt(end - 1))]) {
          for (const lang of WORD_LANGUAGES.get(text.slice(i, end)) ?? []) addHint(hints, lang, 1);
        }
        i = end;
      }
    } else if (isApostrophe(codePoint) && text.charCodeAt(i + 1) === 0x73 && !isAsciiWordChar(text.charCodeAt(i + 2))) {
      countApostropheWord("'s", 0, hints);
      i += 2;
    } else {
      i += codePoint > 0xffff ? 2 : 1;
    }
  }
  for (const [lang, count] of telltale) addHint(hints, lang, 2 * Math.min(2, count));
  const counts = {} as Record<Script | 'letters', number>;
  let letters = 0;
  SCRIPTS.forEach((script, i) => {
    counts[script] = scriptCounts[i]!;
    letters += scriptCounts[i]!;
  });
  counts.letters = letters + scriptCounts[OTHER_LETTER]!;
  return { scripts: counts, hints };
}

function addHint(hints: Map<string, number>, lang: string, n: number): void {
  hints.set(lang, (hints.get(lang) ?? 0) + n);
}

/** Where the run of letters starting at `from` ends; counts its letters by script, and its telltale letters. */
function skipLetters(text: string, from: number, telltale: Map<string, number>, scriptCounts: number[]): number {
  let i = from;
  while (i < text.length) {
    const codePoint = text.codePointAt(i)!;
    const script = scriptIndex(codePoint);
    if (script === NOT_A_LETTER) break;
    scriptCounts[script]!++;
    if (codePoint >= 0x80) {
      const lang = TELLTALE_LETTERS.get(codePoint);
      if (lang) addHint(telltale, lang, 1);
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  return i;
}

/** A language counts once per word: as the word, as its elided form ("l'"), or as "'s". */
function countApostropheWord(word: string, apostrophe: number, hints: Map<string, number>): void {
  const found = new Set<string>();
  for (const lang of WORD_LANGUAGES.get(word) ?? []) found.add(lang);
  for (const lang of WORD_LANGUAGES.get(word.slice(0, apostrophe + 1)) ?? []) found.add(lang);
  if (word.endsWith("'s")) for (const lang of WORD_LANGUAGES.get("'s") ?? []) found.add(lang);
  for (const lang of found) addHint(hints, lang, 1);
}

const isApostrophe = (code: number) => code === 0x27 || code === 0x2019;
// What RegExp `\b` calls a word character.
const isAsciiWordChar = (code: number) =>
  (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) || code === 0x5f;

/** Hint points a language needs, and its lead over the runner-up, to skip franc. */
const DECISIVE_HINTS = 2;
const DECISIVE_LEAD = 2;

function decisiveHint(hints: ReadonlyMap<string, number>): string | undefined {
  let top: string | undefined;
  let topCount = 0;
  let secondCount = 0;
  for (const [lang, count] of hints) {
    if (count > topCount) [top, topCount, secondCount] = [lang, count, topCount];
    else if (count > secondCount) secondCount = count;
  }
  if (!top || topCount < DECISIVE_HINTS) return undefined;
  return topCount >= secondCount * DECISIVE_LEAD ? top : undefined;
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Hebrew', 'Georgian', 'Armenian', 'Greek', 'Arabic', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Devanagari'] as const;
type Script = (typeof SCRIPTS)[number];
const SCRIPT_RES = SCRIPTS.map((script) => new RegExp(`\\p{Script=${script}}`, 'u'));
const LETTER_RE = /\p{L}/u;
const NOT_A_LETTER = -1;
const OTHER_LETTER = SCRIPTS.length;
// Code point → index in SCRIPTS, OTHER_LETTER or NOT_A_LETTER, filled as text is seen: an
// array below U+3000 (the alphabets), a bounded map above.
const UNKNOWN = -2;
const DENSE_LIMIT = 0x3000;
const denseScripts = new Int8Array(DENSE_LIMIT).fill(UNKNOWN);
const scriptOfCodePoint = new Map<number, number>();

function scriptIndex(codePoint: number): number {
  // ASCII is most of the text: no lookup.
  if (codePoint < 0x80) return (codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a ? 0 : NOT_A_LETTER;
  if (codePoint < DENSE_LIMIT) {
    const known = denseScripts[codePoint]!;
    return known !== UNKNOWN ? known : (denseScripts[codePoint] = describeScript(codePoint));
  }
  let index = scriptOfCodePoint.get(codePoint);
  if (index === undefined) {
    index = describeScript(codePoint);
    if (scriptOfCodePoint.size < 20_000) scriptOfCodePoint.set(codePoint, index);
  }
  return index;
}

function describeScript(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  const script = SCRIPT_RES.findIndex((re) => re.test(ch));
  return !LETTER_RE.test(ch) ? NOT_A_LETTER : script === -1 ? OTHER_LETTER : script;
}


// Letters each language has and its neighbours lack. Ukrainian has no ы э ъ ё and writes
// ія/іє/ії where Russian writes ия/ие/ии; Russian has no і ї є ґ; only Belarusian has ў;
// only Serbian ђ ј љ њ ћ џ.
const LETTERS = {
  uk: 'їєґ',
  ukOrBe: 'і',
  ru: 'ыэё',
  hardSign: 'ъ',
  be: 'ў',
  sr: 'ђјљњћџ',
  kk: 'әғқңөұүһ',
  iShcha: 'ищ',
} as const;
type LetterClass = keyof typeof LETTERS | 'ruPairs';
// Every letter above lives in the Cyrillic block U+0400–U+04FF: its class, by code.
const LETTER_CLASS: Array<keyof typeof LETTERS | undefined> = new Array(0x100).fill(undefined);
for (const [key, letters] of Object.entries(LETTERS)) {
  for (const letter of letters) LETTER_CLASS[letter.charCodeAt(0) - 0x400] = key as keyof typeof LETTERS;
}
const CYRILLIC_I = 0x438;
// Russian writes ия/ие/ию/ии where Ukrainian writes ія/іє/ію/ії.
const RU_PAIR_SECOND = new Set([0x44f, 0x435, 0x44e, 0x438]);

/** How many letters of each telling class the text has: one pass. */
function countLetterClasses(sample: string): Record<LetterClass, number> {
  const n: Record<LetterClass, number> = { uk: 0, ukOrBe: 0, ru: 0, hardSign: 0, be: 0, sr: 0, kk: 0, iShcha: 0, ruPairs: 0 };
  const text = sample.toLowerCase();
  let pairEnd = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x400 || code > 0x4ff) continue;
    const key = LETTER_CLASS[code - 0x400];
    if (key) n[key]++;
    // Pairs do not overlap: "иии" is one.
    if (code === CYRILLIC_I && i >= pairEnd && RU_PAIR_SECOND.has(text.charCodeAt(i + 1))) {
      n.ruPairs++;
      pairEnd = i + 2;
    }
  }
  return n;
}

const BULGARIAN_SAMPLE = 80;

/** Decides between Cyrillic languages by their letters; undefined when the letters don't say. */
export function cyrillicByLetters(sample: string): string | undefined {
  const n = countLetterClasses(sample);
  if (n.kk > 1) return 'kk';
  if (n.sr > 1) return 'sr';
  if (n.be > 0 && n.iShcha === 0) return 'be';
  const ukLike = n.uk * 2 + n.ukOrBe;
  const ruLike = n.ru * 2 + n.hardSign + n.ruPairs;
  // Bulgarian shares ъ and ия with Russian but has no ы э ё: without those, in a lede long enough
  // for trigrams (a Russian headline may lack them too), leave the pair to the trigrams.
  const maybeBulgarian = n.ru === 0 && (n.hardSign > 0 || sample.length >= BULGARIAN_SAMPLE);
  // Quotes and names from the other language are a letter or two; the text's own letters dominate.
  if (ukLike > 0 && ukLike >= 2 * ruLike) return 'uk';
  if (!maybeBulgarian && ruLike > 0 && ruLike >= 2 * ukLike) return 'ru';
  return undefined;
}

/** Languages the text's letters exclude, for franc to choose among the rest. */
function ruledOutCyrillic(sample: string): Set<string> {
  const ruled = new Set<string>();
  if (/[ыэёъ]/iu.test(sample)) ruled.add('uk');
  if (/[іїєґ]/iu.test(sample)) ruled.add('ru').add('bg');
  if (/[ыэё]/iu.test(sample)) ruled.add('bg');
  if (/[ищ]/iu.test(sample)) ruled.add('be');
  // Their own letters are frequent enough that a line without them is in another language:
  // Serbian ј љ њ ћ ђ џ, Kazakh ә ғ қ ң ө ұ ү, Belarusian ў.
  if (!/[ђјљњћџ]/iu.test(sample)) ruled.add('sr');
  if (!/[әғқңөұүһ]/iu.test(sample)) ruled.add('kk');
  if (!/ў/iu.test(sample)) ruled.add('be');
  return ruled;
}
