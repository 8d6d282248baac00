/**
 * Feed and page boilerplate that is never part of the story: WordPress footers,
 * "read more" links, photo credits, ad labels, newsletter prompts — in the languages
 * we watch. `stripBoilerplate` cleans running text; `isBoilerplateSentence` drops
 * whole sentences once the text is split.
 */

const READ_MORE = [
  'Read more', 'Read More', 'Continue reading', 'Keep reading', 'Read the full (?:story|article)',
  'Lire la suite', 'Lire aussi', 'À lire aussi', 'Weiterlesen', 'Mehr lesen', 'Lesen Sie auch', 'Mehr zum Thema',
  'Читать далее', 'Читайте также', 'Подробнее', 'Читати далі', 'Читайте також', 'Детальніше',
  'Czytaj więcej', 'Czytaj dalej', 'Czytaj też', 'Czytaj także', 'Leggi anche', 'Leggi tutto', 'Continua a leggere',
  'Seguir leyendo', 'Leer más', 'Lea también', 'Ler mais', 'Leia mais', 'Leia também', 'Lees meer', 'Lees verder',
  'Devamını oku', 'Devamı için tıklayın',
].join('|');

// RegExp `\b` only knows ASCII letters; this is a word end in any script.
const END = '(?![\\p{L}\\p{N}])';

// Inline patterns: removed wherever they occur in the text. Most need a telltale string
// (`needs`), checked first: a lede without "[" never runs the truncation pattern.
const INLINE_PATTERNS: Array<{ re: RegExp; needs?: string }> = [
  // WordPress: "The post <title> appeared first on <site>.", and its translations.
  { re: /\bThe post .{1,300}? appeared first on .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' appeared first on ' },
  { re: /\bDer Beitrag .{1,300}? erschien zuerst auf .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' erschien zuerst auf ' },
  { re: /\bL[’']article .{1,300}? est apparu en premier sur .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' est apparu en premier sur ' },
  { re: /\bLa entrada .{1,300}? se publicó primero en .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' se publicó primero en ' },
  { re: /\bL[’']articolo .{1,300}? proviene da .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' proviene da ' },
  { re: /\bO post .{1,300}? apareceu primeiro em .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' apareceu primeiro em ' },
  { re: /\bHet bericht .{1,300}? verscheen eerst op .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' verscheen eerst op ' },
  { re: /\bWpis .{1,300}? pojawił się (?:pierwszy raz|po raz pierwszy) (?:w|na) .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' pojawił się ' },
  { re: /Запись .{1,300}? впервые появилась (?:на|в) .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' впервые появилась ' },
  { re: /Запис .{1,300}? (?:з'явився|з’явився) спочатку на .{1,200}?(\.(?=\s|$)|$)/gu, needs: ' спочатку на ' },
  // Syndication footers: "This article originally appeared on …", "Originally published at …".
  { re: /\b(?:This (?:article|story) (?:originally )?(?:appeared|was (?:first |originally )?published) (?:on|in|at)|Originally published (?:on|in|at)) .{1,200}?(\.(?=\s|$)|$)/gu, needs: 'riginally ' },
  // A "read more" link at the end of a lede, with its link text.
  { re: new RegExp(`(?:^|(?<=[\\s.!?…»"”]))(?:${READ_MORE})${END}.{0,160}$`, 'gu') },
  // Truncation markers: "[…]", "[...]", "[+1234 chars]".
  { re: /\[(?:…|\.\.\.|\+\d+ chars)\]/gu, needs: '[' },
  // Photo credits in parentheses: "(Photo: Reuters)", "(Foto: dpa)", "(Фото: ТАСС)".
  { re: /\s*\((?:Photo|Photos|Foto|Fotó|Фото|Zdjęcie|Crédit|Crédits|Credit|Image|Bild|Source photo)\s*:[^)]{0,120}\)/giu, needs: '(' },
  // Credit lines: "© AFP", "© Reuters/Gleb Garanich", "© 2025 Politico".
  { re: /©\s*(?:\d{4}\s+)?[\p{L}\p{N}&._-]+(?:\/\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)?)?(?:\s+\d{4})?/gu, needs: '©' },
  // Ad labels standing between sentences.
  {
    re: /(?:^|(?<=[.!?…"”»]))\s*(?:Advertisement|ADVERTISEMENT|Publicité|PUBLICITÉ|Anzeige|ANZEIGE|Pubblicità|Publicidad|Reklama|Реклама)(?=\s+\p{Lu}|\s*$)/gu,
  },
];

// Whole sentences that are navigation or promotion rather than news.
const SENTENCE_PATTERNS: RegExp[] = [
  new RegExp(`^(?:${READ_MORE})${END}`, 'u'),
  /^(?:Photo|Photos|Foto|Фото|Zdjęcie|Crédit|Credit|Image|Bild)\s*:/iu,
  /^(?:Subscribe|Sign up|Abonnez-vous|Inscrivez-vous|Abonnieren|Jetzt abonnieren|Подписывайтесь|Подпишитесь|Підписуйтесь|Підпишіться|Subskrybuj|Zapisz się|Iscriviti|Suscríbete|Assine|Abone ol)(?![\p{L}\p{N}])/iu,
  /^(?:Advertisement|Publicité|Anzeige|Pubblicità|Publicidad|Reklama|Реклама)\.?$/iu,
  /^(?:Share|Partager|Teilen|Поделиться|Поділитися|Udostępnij|Condividi|Compartir)(?:\s+(?:this|on|sur|via)(?![\p{L}\p{N}]).*)?$/iu,
];

export function stripBoilerplate(text: string): string {
  let out = text;
  // A credit glued to a sentence ("Miami (Photo: AFP).") leaves no gap before the period.
  for (const { re, needs } of INLINE_PATTERNS) {
    if (needs === undefined || out.includes(needs)) out = out.replace(re, (match) => (/^\s*\(/u.test(match) ? '' : ' '));
  }
  // Feed text is mostly spaced already (ingest folds whitespace): test before rebuilding it.
  return NEEDS_SPACING.test(out) ? out.replace(/\s+/gu, ' ').trim() : out;
}

const NEEDS_SPACING = /[^\S ]|\s{2}|^\s|\s$/u;

export function isBoilerplateSentence(sentence: string): boolean {
  const s = sentence.trim();
  return s === '' || SENTENCE_PATTERNS.some((re) => re.test(s));
}
