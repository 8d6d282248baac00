/** Where a term was found. */
export type MatchField = 'title' | 'summary' | 'body';

export interface MatchedTerm {
  /** The term as written in the topic (or keyword) definition. */
  term: string;
  /** The group it belongs to ("signal", "context", "exclude", "keyword", …). */
  group: string;
  field: MatchField;
  /** The text as it appears in the article. */
  text: string;
  /** Id of the actor, place or subject the term stands for ("dmitriev", "miami", "ceasefire"). */
  entityId?: string;
  /** Its display name ("Kirill Dmitriev", "Miami", "ceasefire"). */
  name?: string;
}

export interface TopicMatch {
  topicId: string;
  relevant: boolean;
  score: number;
  terms: MatchedTerm[];
}

export interface MatchResult {
  /** True when at least one topic is relevant. */
  relevant: boolean;
  /** Highest topic score. */
  score: number;
  topics: TopicMatch[];
  /** User keyword phrases found in the text (as subscribed). */
  keywords: string[];
}
