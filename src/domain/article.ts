import type { SourceLabel } from './source-label.js';

/** One news item, normalized from whatever RSS/Atom dialect a feed speaks. */
export interface Article {
  /** Stable id: guid, else canonical link, else a hash of source + title (see ingest/article-id.ts). */
  id: string;
  /** Id of the feed the article came from (FeedConfig.id). */
  feedId: string;
  /** Canonical URL: lower-case host, no fragment, tracking parameters removed. Empty when the item had no link. */
  url: string;
  /** Plain text, entities decoded, whitespace folded. */
  title: string;
  /** Plain-text lede or description: HTML stripped, entities decoded, whitespace folded. */
  summary: string;
  /**
   * The full plain text when the feed carries more than the lede (content:encoded, Atom
   * <content>), capped; read by matching, never shown. Absent when it adds nothing.
   */
  body?: string;
  /** ISO 8601; the time peacewatch first saw the item when the feed gave none (or gave nonsense). */
  publishedAt: string;
  /** True when publishedAt is the first-seen time rather than the publisher's date. */
  publishedAtIsFirstSeen: boolean;
  /** Human name of the source (the feed's configured name). */
  source: string;
  /** The feed's source label (type, country), when the feed has one. */
  sourceLabel?: SourceLabel;
  /** BCP 47 language hint (feed config, else the feed's <language>), lower-case primary tag, e.g. "fr". */
  language?: string;
  author?: string;
}
