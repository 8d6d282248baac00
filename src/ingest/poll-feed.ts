import { createHash } from 'node:crypto';
import type { Article } from '../domain/article.js';
import type { FeedConfig } from '../domain/feed.js';
import { decodeFeedBody } from './decode-charset.js';
import type { FeedPollOutcome, FetchOptions, PollMemory } from './feed-outcome.js';
import { fetchFeed } from './fetch-feed.js';
import { normalizeItem } from './normalize-article.js';
import { isFeedError, parseFeedText } from './parse-feed.js';
import { discoverWebSub, parseLinkHeader } from './websub-discovery.js';

/** sha256 of the body, shortened: it only has to tell this feed's last body from its next one. */
export const hashBody = (body: Uint8Array): string => createHash('sha256').update(body).digest('base64url').slice(0, 22);

/**
 * Poll one feed end to end: fetch → decode charset → parse → normalize. Never throws for a
 * feed's own faults; they come back as `{ kind: 'failed' }` with the stage in the message.
 * A body identical to the last one (`memory.bodyHash`) is not parsed: many feeds send no
 * validators, or ignore them, and re-send the same document every time (MonitoRSS does the same).
 */
export async function pollFeed(
  feed: FeedConfig,
  memory: PollMemory,
  options: FetchOptions,
  now: number,
): Promise<FeedPollOutcome> {
  const fetched = await fetchFeed(feed.url, memory, options, now);
  if (fetched.kind === 'failed') return fetched;
  if (fetched.kind === 'not-modified') return { ...fetched, reason: 'http-304' };

  const bodyHash = hashBody(fetched.body);
  const hints = { ...fetched.hints, bodyHash };
  if (memory.bodyHash === bodyHash) {
    return { kind: 'not-modified', status: fetched.status, reason: 'same-body', finalUrl: fetched.finalUrl, hints };
  }

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

  const websub = discoverWebSub(parseLinkHeader(fetched.link), parsed.links ?? [], fetched.finalUrl);
  return {
    kind: 'ok',
    status: fetched.status,
    ...(websub === undefined ? {} : { websub }),
    finalUrl: fetched.finalUrl,
    charset: decoded.charset,
    charsetSource: decoded.source,
    ...(parsed.title === undefined ? {} : { feedTitle: parsed.title }),
    ...(parsed.language === undefined ? {} : { feedLanguage: parsed.language }),
    articles: [...byId.values()],
    hints: parsed.ttlMs === undefined ? hints : { ...hints, ttlMs: parsed.ttlMs },
    bytes: fetched.body.byteLength,
  };
}
