/**
 * Intl.Segmenter ends a sentence at every period followed by a space and a capital or a
 * digit, so "said on Dec. 16. The talks…" comes out as "said on Dec." + "16." + "The talks…",
 * and "M. Macron", "г. Москва", "ст. 5" likewise. This puts the pieces back together: a piece
 * joins the one before when that one ends with an abbreviation or an initial, or when the
 * piece cannot start a sentence (a lower-case letter, a bare number).
 */

// Abbreviations that end with a period and rarely end a sentence, per pack language, lower
// case. Not those that often do end one ("etc.", "и т. д.", "usw.").
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  en: 'jan feb mar apr aug sep sept oct nov dec mr mrs ms dr sen rep gen lt col maj capt gov pres prof st no jr sr vs approx adm sgt u.s u.k u.n e.g i.e',
  fr: 'm mm mme mmes mlle dr janv févr avr juill sept oct nov déc art env gén pr st ste',
  de: 'jan jän feb febr apr aug sep sept okt nov dez nr dr prof bzw z.b u.a d.h ca st str abs art vgl sog mio mrd v.a gen',
  es: 'sr sra srta dr dra gral art núm aprox ene feb abr ago sept oct nov dic ee uu',
  it: 'sig sigg dott on gen art ca genn febbr apr ago sett ott nov dic',
  pt: 'sr sra dr dra art gen jan fev abr ago set out nov dez',
  nl: 'dhr mevr mr dr jan feb apr aug sep okt nov dec nr bijv o.a gen',
  pl: 'r ul godz gen prof dr ok tys mln mld np tzw św ks płk sty lut kwi sie wrz paź lis gru art nr im',
  cs: 'gen prof tzv čl odst mil mld např resp sv led úno bře dub srp zář říj lis pro',
  sk: 'gen prof tzv čl ods mil mld napr resp sv',
  sl: 'gen prof t.i npr čl mil mrd',
  hr: 'gen prof tzv npr čl st mil mlrd',
  sr: 'gen prof tzv npr čl st mil mlrd ген проф тзв нпр чл мил млрд',
  hu: 'gen dr kb ill pl szept okt dec jan febr ápr aug',
  ro: 'dl dna gen art nr ian feb apr aug sept oct nov dec',
  tr: 'dr prof org gen korg tuğg vb',
  ru: 'г гг ст т.е им ул млн млрд тыс руб др пр см янв февр авг сент окт нояб дек ген проф обл',
  uk: 'р рр ст т.зв ім вул млн млрд тис грн див січ лют берез квіт серп верес жовт листоп груд ген проф обл',
  bg: 'г ген проф ул млн млрд т.нар ст',
  kk: 'ж жж',
  fi: 'esim mm ns klo n',
  sv: 'bl.a t.ex ca dvs s.k gen',
  et: 'nt jm lk',
  lt: 'gen prof m',
  lv: 'gen prof g',
  el: 'κ στρ',
};

const KNOWN: ReadonlySet<string> = new Set(Object.values(ABBREVIATIONS).flatMap((words) => words.split(' ')));
// The last word of a piece, with its dots ("Dec.", "U.S.", "г."), when it ends with a period.
const LAST_WORD_RE = /(?:^|[\s(«"“„'])((?:\p{L}+\.)*\p{L}+)\.$/u;
// A lone capital and a period: an initial ("M. Macron", "J. D. Vance", "В. Путин").
const INITIAL_RE = /(?:^|[\s(«"“„'])\p{Lu}\.$/u;
// A piece that cannot open a sentence: a lower-case letter first, or only a number ("16.").
const CONTINUATION_RE = /^(?:\p{Ll}|\d{1,4}[.,]?$)/u;
// An ordinal day before a month written with a capital (German, Scandinavian): "am 16. Dezember".
const ORDINAL_DAY_RE = /(?:^|\s)\d{1,2}\.$/u;
const MONTH_RE =
  /^(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Apr|Aug|Sep|Sept|Okt|Nov|Dez)\b/u;

/** Whether the piece ends so that the next one continues its sentence. */
function endsInAbbreviation(piece: string): boolean {
  if (INITIAL_RE.test(piece)) return true;
  const word = LAST_WORD_RE.exec(piece)?.[1];
  return word !== undefined && KNOWN.has(word.toLowerCase());
}

export function mergeSentenceFragments(pieces: readonly string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const previous = out[out.length - 1];
    if (
      previous !== undefined &&
      (endsInAbbreviation(previous) || CONTINUATION_RE.test(piece) || (ORDINAL_DAY_RE.test(previous) && MONTH_RE.test(piece)))
    ) {
      out[out.length - 1] = `${previous} ${piece}`;
    } else {
      out.push(piece);
    }
  }
  return out;
}
