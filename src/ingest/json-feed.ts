import type { FeedError } from './feed-outcome.js';
import { htmlToText, textToHtml } from './html-text.js';
import type { ParsedFeed, RawFeedItem } from './parse-feed.js';

/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which rss-parser does not read.
 * The body is already capped by the fetcher; JSON.parse is linear in it.
 */

const JSON_TYPES = new Set(['application/feed+json', 'application/json']);

/** Served as JSON Feed or JSON, or a body that starts like a JSON object (feeds served as text/plain). */
export function isJsonFeedCandidate(text: string, contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (JSON_TYPES.has(mime)) return true;
  const start = text.trimStart();
  return start.startsWith('{') && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(start.slice(0, 4096));
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const plainAsHtml = (v: unknown): string | undefined => {
  const t = text(v);
  return t === undefined ? undefined : textToHtml(t);
};
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** 1.1 `authors` (first one), else 1.0 `author`, on the item or the feed. */
function authorName(item: Record<string, unknown>, feed: Record<string, unknown>): string | undefined {
  for (const holder of [item, feed]) {
    const authors = Array.isArray(holder['authors']) ? holder['authors'] : [];
    const name = text(record(authors[0])?.['name']) ?? text(record(holder['author'])?.['name']);
    if (name !== undefined) return name;
  }
  return undefined;
}

function toRawItem(value: unknown, feed: Record<string, unknown>): RawFeedItem | undefined {
  const item = record(value);
  if (item === undefined) return undefined;
  const raw: RawFeedItem = {
    guid: text(item['id']),
    link: text(item['url']) ?? text(item['external_url']),
    title: plainAsHtml(item['title']),
    description: plainAsHtml(item['summary']),
    content: text(item['content_html']) ?? plainAsHtml(item['content_text']),
    isoDate: text(item['date_published']),
    updated: text(item['date_modified']),
    language: text(item['language']),
    author: plainAsHtml(authorName(item, feed)),
  };
  for (const key of Object.keys(raw) as (keyof RawFeedItem)[]) if (raw[key] === undefined) delete raw[key];
  return raw;
}

/** A JSON Feed document → ParsedFeed; anything else JSON is not-a-feed, broken JSON is malformed. */
export function parseJsonFeed(body: string): ParsedFeed | FeedError {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { kind: 'malformed-json', message: `parse: JSON Feed is not valid JSON: ${detail}`, cause: err };
  }
  const feed = record(doc);
  const version = text(feed?.['version']);
  if (feed === undefined || version === undefined || !/^https?:\/\/jsonfeed\.org\/version\//.test(version)) {
    return { kind: 'not-a-feed', message: 'parse: a JSON document without a JSON Feed version' };
  }
  const title = text(feed['title']);
  const language = text(feed['language']);
  const items = Array.isArray(feed['items']) ? feed['items'] : [];
  return {
    format: 'json',
    ...(title === undefined ? {} : { title: htmlToText(textToHtml(title)) }),
    ...(language === undefined ? {} : { language: language.trim() }),
    items: items.map((it) => toRawItem(it, feed)).filter((it): it is RawFeedItem => it !== undefined),
  };
}
