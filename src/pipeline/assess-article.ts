import type { Article } from '../domain/article.js';
import type { EventAssessment } from '../domain/event-kind.js';
import type { MatchResult, MatchedTerm, TopicMatch } from '../domain/match.js';
import type { Topic } from '../domain/topic.js';
import { assessEvent } from '../relevance/assess-event.js';
import { detectLanguage } from '../relevance/detect-language.js';
import type { Matcher } from '../relevance/matcher.js';
import { summarizeArticle } from '../summarize/extractive-summary.js';
import { summarizeLead } from '../summarize/summarize-text.js';
import { buildGist } from '../summarize/gist.js';

/** Everything relevance says about one article: the decision, the facts, and how to present it. */
export interface Assessment {
  match: MatchResult;
  relevant: boolean;
  score: number;
  /** ISO 639-1, detected with the feed's declared language as prior. */
  language?: string;
  topics: string[];
  /** Display names, in order of first mention. */
  actors: string[];
  places: string[];
  /** The evidence of the relevant topics (or of all topics when none is relevant). */
  evidence: MatchedTerm[];
  summary: string;
  gist: string;
  /** Kind of event and urgency, for relevant articles. */
  event?: EventAssessment;
}

export interface AssessDeps {
  matcher: Matcher;
  topics: readonly Topic[];
  summaryMaxChars: number;
  /**
   * Also detect the language and summarize articles that matched nothing (classify reports
   * them); the live pipeline skips that work for the many articles it will not post.
   */
  describeEverything?: boolean;
}

// Enough text for franc to be sure (measured on the corpus); more only costs time.
const LANGUAGE_SAMPLE_CHARS = 240;

/** Pure: match, detect the language, summarize and build the gist of one article. */
export function assessArticle(
  article: Pick<Article, 'title' | 'summary' | 'body' | 'language'>,
  deps: AssessDeps,
): Assessment {
  const match = deps.matcher.match(article);
  const relevantTopics = match.topics.filter((t) => t.relevant);
  const evidence = termsOf(relevantTopics.length > 0 ? relevantTopics : match.topics);
  const relevant = match.relevant;
  const describe = relevant || match.keywords.length > 0 || deps.describeEverything === true;
  const sample = languageSample(article.title, article.summary);
  const language = describe ? (detectLanguage(sample, article.language).language ?? article.language) : article.language;
  return {
    match,
    relevant,
    score: match.score,
    language,
    topics: relevantTopics.map((t) => t.topicId),
    actors: namesOf(evidence, 'actor'),
    places: namesOf(evidence, 'place'),
    evidence,
    summary: !describe
      ? ''
      : relevant || match.keywords.length > 0
        ? summarizeArticle(article, evidence, { maxChars: deps.summaryMaxChars, language })
        : // Nothing matched, so no evidence to rank sentences by: the lead is the extract.
          summarizeLead(article.summary || article.title, { maxChars: deps.summaryMaxChars, language }),
    gist: relevant ? buildGist(evidence, deps.topics) : '',
    ...(relevant ? { event: assessEvent(article, evidence) } : {}),
  };
}

/** `${title}. ${summary}` cut to LANGUAGE_SAMPLE_CHARS, without first copying the whole lede. */
function languageSample(title: string, summary: string): string {
  if (title.length >= LANGUAGE_SAMPLE_CHARS) return title.slice(0, LANGUAGE_SAMPLE_CHARS);
  return `${title}. ${summary.slice(0, Math.max(0, LANGUAGE_SAMPLE_CHARS - title.length - 2))}`.slice(0, LANGUAGE_SAMPLE_CHARS);
}

// A loop: Array#flatMap is several times slower in V8, and this runs for every article.
function termsOf(topics: readonly TopicMatch[]): MatchedTerm[] {
  if (topics.length === 1) return topics[0]!.terms;
  const terms: MatchedTerm[] = [];
  for (const t of topics) for (const term of t.terms) terms.push(term);
  return terms;
}

function namesOf(evidence: readonly MatchedTerm[], group: string): string[] {
  const names = new Set<string>();
  for (const t of evidence) if (t.group === group) names.add(t.name ?? t.text);
  return [...names];
}
