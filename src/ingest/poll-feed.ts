import type { Article } from '../domain/article.js';
import type { FeedConfig } from '../domain/feed.js';
import { decodeFeedBody } from './decode-charset.js';
import type { FeedPollOutcome, FetchOptions } from './feed-outcome.js';
import { fetchFeed, type ConditionalHeaders } from './fetch-feed.js';
import { normalizeItem } from './normalize-article.js';
import { isFeedError, parseFeedText } from './parse-feed.js';

/**
 * Poll one feed end to end: fetch → decode charset → parse → normalize. Never throws for a
 * feed's own faults; they come back as `{ kind: 'failed' }` with the stage in the message.
 */
export async function pollFeed(
  feed: FeedConfig,
  conditional: ConditionalHeaders,
  options: FetchOptions,
  now: number,
): Promise<FeedPollOutcome> {
  const fetched = await fetchFeed(feed.url, conditional, options, now);
  if (fetched.kind !== 'ok') return fetched;

  const decoded = decodeFeedBody(fetched.body, fetched.contentType);
  const parsed = await parseFeedText(decoded.text, fetched.contentType);
  if (isFeedError(parsed)) return { kind: 'failed', error: parsed };

  const ctx = {
    now,
    baseUrl: fetched.finalUrl,
    ...(parsed.language === undefined ? {} : { feedLanguage: parsed.language }),
  };
  // Feeds repeat items (pagination glitches, the same guid twice); the first one wins.
  const byId = new Map<string, Article>();
  for (const item of parsed.items) {
    const article = normalizeItem(item, feed, ctx);
    if (article !== null && !byId.has(article.id)) byId.set(article.id, article);
  }

  return {
    kind: 'ok',
    status: fetched.status,
    finalUrl: fetched.finalUrl,
    charset: decoded.charset,
    charsetSource: decoded.source,
    ...(parsed.title === undefined ? {} : { feedTitle: parsed.title }),
    ...(parsed.language === undefined ? {} : { feedLanguage: parsed.language }),
    articles: [...byId.values()],
    hints: parsed.ttlMs === undefined ? fetched.hints : { ...fetched.hints, ttlMs: parsed.ttlMs },
    bytes: fetched.body.byteLength,
  };
}
