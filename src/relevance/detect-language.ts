import { francAll } from 'franc-min';

/**
 * Language of an article (ISO 639-1), from franc-min trigrams plus two things franc
 * lacks: the feed's declared language as a prior for short or ambiguous text, and
 * letters only one Cyrillic language uses (franc mixes up uk/ru/be/bg on headlines).
 */
export interface DetectedLanguage {
  language: string | undefined;
  confidence: 'high' | 'low';
}

// franc-min (ISO 639-3) → ISO 639-1, restricted to the languages of the news we watch:
// fewer candidates means fewer look-alike mistakes (Indonesian for short English, …).
const ISO3_TO_ISO1: Readonly<Record<string, string>> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', ita: 'it', pol: 'pl', por: 'pt', nld: 'nl',
  tur: 'tr', ron: 'ro', ces: 'cs', hun: 'hu', hrv: 'hr', srp: 'sr', swe: 'sv', azj: 'az',
  rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk',
  arb: 'ar', pes: 'fa', cmn: 'zh', jpn: 'ja', kor: 'ko', ell: 'el', hin: 'hi',
};
const ONLY = Object.keys(ISO3_TO_ISO1);
// franc's cost grows with the candidates: text in one script is compared with that script's languages only.
const LATIN_ONLY = ['eng', 'fra', 'deu', 'spa', 'ita', 'pol', 'por', 'nld', 'tur', 'ron', 'ces', 'hun', 'hrv', 'swe', 'azj'];
const CYRILLIC_ONLY = ['rus', 'ukr', 'bel', 'bul', 'kaz', 'srp'];

// Scripts franc-min has no model for, but which name their language by themselves.
const SCRIPT_LANGUAGES: ReadonlyArray<[RegExp, string]> = [
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Armenian}/gu, 'hy'],
];

// Languages franc-min cannot tell apart from a neighbour (sk → cs, sl → hr, …): a feed
// declaring one of them is trusted whenever the text is in its script.
const PRIOR_ONLY: Readonly<Record<string, 'Latin' | 'Cyrillic'>> = {
  sk: 'Latin', sl: 'Latin', bs: 'Latin', fi: 'Latin', da: 'Latin', no: 'Latin', nb: 'Latin', nn: 'Latin',
  lt: 'Latin', lv: 'Latin', et: 'Latin', ca: 'Latin', gl: 'Latin', eu: 'Latin', sq: 'Latin', ga: 'Latin',
  is: 'Latin', mt: 'Latin', mk: 'Cyrillic', mn: 'Cyrillic',
};

/** Below this many letters trigram statistics are noise; the prior wins. */
const MIN_LETTERS = 40;
/** franc's normalised scores: the runner-up within this distance of the top means "unsure". */
const CLOSE_SCORE = 0.08;
/** What one function word or telltale letter adds to a language's franc score. */
const HINT_WEIGHT = 0.04;

export function detectLanguage(text: string, prior?: string): DetectedLanguage {
  const declared = prior ? prior.toLowerCase().split(/[-_]/u)[0] : undefined;
  const sample = text.replace(/https?:\/\/\S+/gu, ' ').replace(/\s+/gu, ' ').trim();
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return { language: declared, confidence: 'low' };

  for (const [script, language] of SCRIPT_LANGUAGES) {
    if ((sample.match(script)?.length ?? 0) * 2 > letters) return { language, confidence: 'high' };
  }
  if (declared && PRIOR_ONLY[declared] && isMostly(sample, letters, PRIOR_ONLY[declared])) {
    return { language: declared, confidence: 'low' };
  }

  let ranked: RankedLanguage[];
  if (isMostly(sample, letters, 'Cyrillic')) {
    // Letters only one Cyrillic language uses settle it before any trigram is counted.
    const byLetters = cyrillicByLetters(sample);
    if (byLetters) return { language: byLetters, confidence: letters >= MIN_LETTERS ? 'high' : 'low' };
    const ruled = ruledOutCyrillic(sample);
    ranked = rankLanguages(sample, CYRILLIC_ONLY).filter((r) => !ruled.has(r.language));
  } else if (isMostly(sample, letters, 'Latin')) {
    // Function words and telltale letters often settle Latin text before franc's trigrams,
    // which cost more than everything else in classifying an article.
    const decided = decisiveHint(sample, letters);
    if (decided) return { language: decided, confidence: 'high' };
    ranked = rankLanguages(sample, LATIN_ONLY);
  } else {
    ranked = rankLanguages(sample, ONLY);
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

interface RankedLanguage {
  language: string;
  score: number;
}

function rankLanguages(sample: string, only: string[]): RankedLanguage[] {
  const hints = countHints(sample);
  const ranked: RankedLanguage[] = [];
  for (const [code, score] of francAll(sample, { only, minLength: 1 })) {
    const language = ISO3_TO_ISO1[code];
    if (language) ranked.push({ language, score: score + HINT_WEIGHT * (hints.get(language) ?? 0) });
  }
  return ranked.sort((a, b) => b.score - a.score);
}

// Trigrams need more text than a headline has; function words and letters only one
// language uses settle short Latin-script text ("Trump says he will meet Putin" is not Swedish).
const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  en: "the of and to in on for with at by from is are was has have be says said will would could after as over its his her their new an it that this not but than into against amid ahead without about 's",
  fr: "le la les des du une et à au aux pour dans sur est sont selon avec qui que d' l' pas entre après plus",
  de: "der die das und ist mit für den dem von im zu nicht ein eine auf des sich nach bei wird vor über",
  es: "el los las del y que con por para una se al es su tras según sobre entre más",
  it: "il di del della delle dei degli che per con gli alla al una è nel nella sul sulla non tra dopo",
  pt: "o os do da dos das em no na que com para um uma não ao pelo pela após sobre",
  nl: "de het een en van op is met voor niet dat te zijn naar bij ook na over",
  pl: "i w z na się do że nie o to jest po od za ze dla oraz jak przez",
  tr: "ve bir bu ile için de da olarak ne daha en çok sonra",
  ro: "și în cu pe la din care este să pentru după",
  ru: "и с о к что это как его при после также об во со для не был была были уже чтобы или ли где",
  uk: "та що з від у до це як його але також після під про які який яка або ще й щодо",
  bg: "да се е че ще са със във този тази които",
};
const WORD_SETS = new Map(Object.entries(FUNCTION_WORDS).map(([lang, words]) => [lang, new Set(words.split(' '))]));
const TELLTALE_LETTERS: ReadonlyArray<[RegExp, string]> = [
  [/[łąęśźżń]/giu, 'pl'], [/[ığş]/giu, 'tr'], [/ß/giu, 'de'], [/ñ/giu, 'es'], [/[ãõ]/giu, 'pt'],
  [/[őű]/giu, 'hu'], [/[řěů]/giu, 'cs'], [/[ățș]/giu, 'ro'], [/[åäö]/giu, 'sv'],
];

function countHints(sample: string): Map<string, number> {
  const hints = new Map<string, number>();
  const add = (lang: string, n: number): void => void hints.set(lang, (hints.get(lang) ?? 0) + n);
  for (const token of sample.toLowerCase().match(/\p{L}+(?:['’]\p{L}*)?|['’]s\b/gu) ?? []) {
    const word = token.replace(/’/gu, "'");
    for (const [lang, words] of WORD_SETS) {
      if (words.has(word) || words.has(word.replace(/'.*$/u, "'")) || (word.endsWith("'s") && words.has("'s"))) add(lang, 1);
    }
  }
  for (const [re, lang] of TELLTALE_LETTERS) add(lang, 2 * Math.min(2, sample.match(re)?.length ?? 0));
  return hints;
}

/** Hint points a language needs, and its lead over the runner-up, to skip franc. */
const DECISIVE_HINTS = 3;
const DECISIVE_LEAD = 2;

function decisiveHint(sample: string, letters: number): string | undefined {
  if (letters < MIN_LETTERS) return undefined;
  const [top, second] = [...countHints(sample)].sort((a, b) => b[1] - a[1]);
  if (!top || top[1] < DECISIVE_HINTS) return undefined;
  return top[1] >= (second?.[1] ?? 0) * DECISIVE_LEAD ? top[0] : undefined;
}

function isMostly(sample: string, letters: number, script: 'Latin' | 'Cyrillic'): boolean {
  const re = script === 'Latin' ? /\p{Script=Latin}/gu : /\p{Script=Cyrillic}/gu;
  return (sample.match(re)?.length ?? 0) * 2 > letters;
}

// Letters each language has and its neighbours lack. Ukrainian has no ы э ъ ё and writes
// ія/іє/ії where Russian writes ия/ие/ии; Russian has no і ї є ґ; only Belarusian has ў;
// only Serbian ђ ј љ њ ћ џ.
const LETTERS = {
  uk: /[їєґ]/giu,
  ukOrBe: /[і]/giu,
  ru: /[ыэё]/giu,
  ruPairs: /и[яеюи]/giu,
  hardSign: /[ъ]/giu,
  be: /[ў]/giu,
  sr: /[ђјљњћџ]/giu,
  kk: /[әғқңөұүһ]/giu,
  iShcha: /[ищ]/giu,
} as const;

/** Decides between Cyrillic languages by their letters; undefined when the letters don't say. */
export function cyrillicByLetters(sample: string): string | undefined {
  const count = (re: RegExp): number => sample.match(re)?.length ?? 0;
  const n = Object.fromEntries(Object.entries(LETTERS).map(([k, re]) => [k, count(re)])) as Record<keyof typeof LETTERS, number>;
  if (n.kk > 1) return 'kk';
  if (n.sr > 1) return 'sr';
  if (n.be > 0 && n.iShcha === 0) return 'be';
  const ukLike = n.uk * 2 + n.ukOrBe;
  const ruLike = n.ru * 2 + n.hardSign + n.ruPairs;
  // Bulgarian shares ъ and ия with Russian but has no ы э ё: leave that pair to the trigrams.
  const maybeBulgarian = n.hardSign > 0 && n.ru === 0;
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
  // Serbian ј љ њ ћ ђ џ, Kazakh ә ғ қ ң ө ұ ү, Belarusian ў, Bulgarian ъ.
  if (!/[ђјљњћџ]/iu.test(sample)) ruled.add('sr');
  if (!/[әғқңөұүһ]/iu.test(sample)) ruled.add('kk');
  if (!/ў/iu.test(sample)) ruled.add('be');
  if (!/ъ/iu.test(sample)) ruled.add('bg');
  return ruled;
}
