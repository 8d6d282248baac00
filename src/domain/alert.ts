import type { Article } from './article.js';
import type { EventAssessment } from './event-kind.js';
import type { MatchedTerm } from './match.js';
import type { SourceType } from './source-label.js';

/** One outlet's report of a story, for "also reported by …". */
export interface StoryReport {
  articleId: string;
  source: string;
  url: string;
  language?: string;
  /** The reporting feed's source type, when labelled: reports are listed grouped by it. */
  sourceType?: SourceType;
}

/** What gets posted: one story's first article (or a later report of it), why it matched, a summary. */
export interface Alert {
  /** Equal to the article id. */
  id: string;
  /** Without `body` (the full text is for matching only). */
  article: Omit<Article, 'body'>;
  /** Ids of the topics the article matched. */
  topics: string[];
  /** User keyword phrases the article matched (keyword subscriptions). */
  keywords: string[];
  /** The evidence: which terms matched, in which field. */
  terms: MatchedTerm[];
  score: number;
  /** Extractive summary in the article's language, cut on a sentence boundary. */
  summary: string;
  /** One line in English from the extracted facts ("US–Russia talks · Miami · Witkoff, Dmitriev · ceasefire"); '' if none. */
  gist: string;
  /**
   * What kind of event the report tells of and its urgency, with the reason (absent in
   * alerts stored before it existed).
   */
  event?: EventAssessment;
  /** Detected language (ISO 639-1) of the article. */
  language?: string;
  /** Story this article belongs to; every report of one event shares it. */
  storyId: string;
  /**
   * 'new': the first article of a story, posted as a new message.
   * 'update': a later report; delivered as a thread reply under the root alert, whose message is edited.
   */
  kind: 'new' | 'update';
  /** For updates: the alert id of the story's first alert (its outbox entries hold the message refs). */
  rootAlertId?: string;
  /** Every report of the story so far, first first (the root's own included). */
  reportedBy: StoryReport[];
  /** Epoch ms when the alert was created. */
  createdAt: number;
  /**
   * Epoch ms when peacewatch first saw the article (the poll or push that brought it): with the
   * article's publishedAt and the delivery's sentAt, the publication-to-post latency. Absent in
   * alerts stored before it existed (their createdAt is the same moment).
   */
  firstSeenAt?: number;
}
