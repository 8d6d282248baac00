import type { MatchedTerm } from '../domain/match.js';
import { foldText, lettersAndDigitsRuns, tokenize } from '../relevance/normalize-text.js';
import { isBoilerplateSentence, stripBoilerplate } from './boilerplate.js';
import { cutOnWord, splitSentences } from './summarize-text.js';

/**
 * Extractive summary in the article's own language: the sentences that carry the
 * matched actors, places and subjects, lede first, in their original order and
 * within a character budget (Slack and Discord budgets differ). Never rewrites a
 * sentence; cuts one only when the best sentence alone is over the budget.
 */
export interface ArticleText {
  title: string;
  summary: string;
  body?: string;
}

export interface ExtractiveSummaryOptions {
  maxChars: number;
  /** ISO 639-1 code, for sentence splitting. */
  language?: string;
}

interface Candidate {
  text: string;
  /** Reading order across lede and body. */
  index: number;
  /** Position bonus (lede first), scaled down for fragments. */
  base: number;
  /** Weight of each distinct actor, place or subject the sentence names. */
  entities: Map<string, number>;
}

// Who talks matters most to a reader, then about what, then where. Context terms
// ("Ukraine", "russes") are in nearly every sentence and tell nothing.
const GROUP_WEIGHT: Readonly<Record<string, number>> = { actor: 2, subject: 1.5, keyword: 1.5, place: 1 };
// An entity already in the summary adds a little: repeating Miami is worth less than naming Dmitriev.
const COVERED_FACTOR = 0.25;
// The lede's first sentence is the journalist's own summary: when it names any of the
// story's actors, places or subjects it opens the summary whatever else the body holds.
const FIRST_LEDE_BONUS = 3;
const ANCHOR_BONUS = 100;
const LEDE_BONUS = 1.5;
// Fragments ("Miami.", "Update:") carry little even when they name an actor.
const SHORT_SENTENCE = 25;

export function summarizeArticle(input: ArticleText, evidence: readonly MatchedTerm[], opts: ExtractiveSummaryOptions): string {
  const maxChars = Math.max(1, Math.floor(opts.maxChars));
  const candidates = collectSentences(input, evidence, opts.language);
  const covered = new Set<string>();
  const chosen: Candidate[] = [];
  let used = 0;
  for (;;) {
    const room = maxChars - used - (chosen.length > 0 ? 1 : 0);
    const best = pickBest(candidates, covered, chosen.length === 0 ? Infinity : room);
    if (!best) break;
    // The best sentence alone is over budget: the one case where a sentence is cut.
    if (chosen.length === 0 && best.text.length > maxChars) return cutOnWord(best.text, maxChars);
    chosen.push(best);
    used += best.text.length + (chosen.length > 1 ? 1 : 0);
    candidates.splice(candidates.indexOf(best), 1);
    for (const entity of best.entities.keys()) covered.add(entity);
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((c) => c.text)
    .join(' ');
}

/** Highest marginal score among sentences that fit; ties keep reading order. */
function pickBest(candidates: readonly Candidate[], covered: ReadonlySet<string>, room: number): Candidate | undefined {
  let best: Candidate | undefined;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    if (candidate.text.length > room) continue;
    let score = candidate.base;
    for (const [entity, weight] of candidate.entities) score += covered.has(entity) ? weight * COVERED_FACTOR : weight;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/** Sentences of lede then body in reading order; boilerplate and title repeats dropped. */
function collectSentences(input: ArticleText, evidence: readonly MatchedTerm[], language: string | undefined): Candidate[] {
  const lede = sentencesOf(input.summary, language);
  const body = sentencesOf(input.body, language);
  const title = titleWords(input.title);
  const needles = evidenceNeedles(evidence);
  const seen = new Set<string>();
  const seenWords: Array<Set<string>> = [];
  const candidates: Candidate[] = [];

  const count = lede.length + body.length;
  for (let position = 0; position < count; position++) {
    const inLede = position < lede.length;
    const text = inLede ? lede[position]! : body[position - lede.length]!;
    const folded = foldText(text);
    const wordList = lettersAndDigitsRuns(folded);
    if (!wordList) continue;
    const key = wordList.join(' ');
    // Full-text feeds repeat the lede at the top of the body; a sentence counts once.
    if (seen.has(key) || isBoilerplateSentence(text) || repeatsTitle(key, wordList, title)) continue;
    // …and sometimes repeat it with a detail added ("… in Miami" / "… in Miami on Dec. 6").
    const words = new Set(wordList);
    if (seenWords.some((earlier) => isNearDuplicate(words, earlier))) continue;
    seen.add(key);
    seenWords.push(words);
    const positionScore = !inLede
      ? 1 / (1 + 0.25 * (position - lede.length))
      : candidates.length === 0
        ? FIRST_LEDE_BONUS
        : Math.max(0.5, LEDE_BONUS - 0.1 * position);
    const entities = new Map<string, number>();
    for (const [needle, { entity, weight }] of needles) {
      if (folded.includes(needle)) entities.set(entity, Math.max(weight, entities.get(entity) ?? 0));
    }
    const lengthFactor = text.length < SHORT_SENTENCE ? 0.5 : 1;
    const anchor = inLede && candidates.length === 0 && entities.size > 0 ? ANCHOR_BONUS : 0;
    candidates.push({ text, index: position, base: positionScore * lengthFactor + anchor, entities });
  }
  return candidates;
}

// Splitting costs a copy of ICU's break iterator per call, even for nothing.
const sentencesOf = (text: string | undefined, language: string | undefined): string[] => {
  const clean = text ? stripBoilerplate(text) : '';
  return clean ? splitSentences(clean, language) : [];
};

/** Folded evidence text → the entity it stands for, so "Witkoff" and "Steve Witkoff" count once. */
function evidenceNeedles(evidence: readonly MatchedTerm[]): Map<string, { entity: string; weight: number }> {
  const needles = new Map<string, { entity: string; weight: number }>();
  for (const term of evidence) {
    const weight = GROUP_WEIGHT[term.group] ?? 0;
    const needle = foldText(term.text).trim();
    if (weight === 0 || needle.length < 2 || needles.has(needle)) continue;
    needles.set(needle, { entity: term.entityId ?? foldText(term.name ?? term.term), weight });
  }
  return needles;
}

const NEAR_DUPLICATE_SHARE = 0.8;

/** Most words of the shorter sentence stand in the longer one too. */
function isNearDuplicate(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < 5) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size >= NEAR_DUPLICATE_SHARE;
}

interface TitleWords {
  /** The words joined by single spaces. */
  key: string;
  words: ReadonlySet<string>;
}

function titleWords(title: string): TitleWords | undefined {
  // The headline's folded words, as the matcher read them (its tokens are kept for a while).
  const tokens = tokenize(title);
  if (tokens.length === 0) return undefined;
  const words = tokens.map((t) => t.value);
  return { key: words.join(' '), words: new Set(words) };
}

// Ledes often open with the headline, verbatim or with a dateline in front of it.
function repeatsTitle(key: string, words: readonly string[], title: TitleWords | undefined): boolean {
  if (!title) return false;
  if (key === title.key) return true;
  if (title.key.length >= 20 && key.includes(title.key) && key.length < title.key.length * 1.3) return true;
  let shared = 0;
  for (const w of words) if (title.words.has(w)) shared++;
  return shared / words.length >= 0.8 && shared / title.words.size >= 0.8;
}
