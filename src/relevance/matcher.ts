import type { MatchResult } from '../domain/match.js';

/** What a matcher reads of an article. Kept narrow so `classify` and tests can feed plain text. */
export interface MatchInput {
  title: string;
  summary: string;
  /** Full text, when the feed gave more than the lede. */
  body?: string;
}

/** The engine behind relevance decisions; replaceable without touching the pipeline. */
export interface Matcher {
  match(input: MatchInput): MatchResult;
}
