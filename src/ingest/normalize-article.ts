import type { Article } from '../domain/article.js';
import type { FeedConfig } from '../domain/feed.js';
import { idFromGuid, idFromTitle, idFromUrl } from './article-id.js';
import { canonicalizeUrl } from './canonical-url.js';
import { htmlToText } from './html-text.js';
import type { RawFeedItem } from './parse-feed.js';
import { truncateAtWord as truncateText } from '../text/truncate.js';

export interface NormalizeContext {
  /** Epoch ms; stands in for missing or impossible dates. */
  now: number;
  /** The feed's own <language>, used when neither the config nor the item says. */
  feedLanguage?: string;
  /** URL the feed was fetched from (after redirects), for relative links. */
  baseUrl: string;
}

export const MAX_SUMMARY_CHARS = 2_000;
export const MAX_BODY_CHARS = 20_000;
const MAX_TITLE_FALLBACK_CHARS = 160;
/** A headline longer than this is not one; every later stage (matching, stories, posting) is bounded by it. */
export const MAX_TITLE_CHARS = 1_000;
/** Clock skew and time zones mislabelled by a few hours are fine; a date next week is not. */
const MAX_FUTURE_MS = 86_400_000;
/** Earlier than this is a CMS default (1970, 1900), not a publication date. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1995, 0, 1);


/** "en-US" → "en", "ru_RU" → "ru"; undefined for anything that is not a language tag. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/, 1)[0]?.toLowerCase();
  return primary !== undefined && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function publishedAt(item: RawFeedItem, now: number): { iso: string; firstSeen: boolean } {
  for (const candidate of [item.isoDate, item.pubDate, item.dcDate, item.updated]) {
    if (candidate === undefined) continue;
    const ms = Date.parse(candidate.trim());
    if (Number.isNaN(ms) || ms < EARLIEST_PLAUSIBLE_MS) continue;
    if (ms > now + MAX_FUTURE_MS) break; // a date in the future is a lie, not a reason to try the next field
    return { iso: new Date(ms).toISOString(), firstSeen: false };
  }
  return { iso: new Date(now).toISOString(), firstSeen: true };
}

function summaryOf(item: RawFeedItem): string {
  for (const html of [item.description, item.content, item.mediaDescription]) {
    if (html === undefined) continue;
    const text = htmlToText(html);
    if (text !== '') return truncateText(text, MAX_SUMMARY_CHARS);
  }
  return '';
}

/** The base for the item's relative link: its xml:base chain (outermost first) over the feed's URL. */
function linkBase(item: RawFeedItem, feedUrl: string): string {
  let base = feedUrl;
  for (const xmlBase of item.xmlBase ?? []) {
    try {
      base = new URL(xmlBase.trim(), base).href;
    } catch {
      // An unusable xml:base leaves the outer base in force.
    }
  }
  return base;
}

/**
 * One feed item → Article, or null when the item has nothing to show: no title, no text and no link.
 * An RSS item needs only a title or a description; with only a description its title is the start
 * of the text. Pure: the clock comes in through ctx.now.
 */
export function normalizeItem(item: RawFeedItem, feed: FeedConfig, ctx: NormalizeContext): Article | null {
  const url = item.link === undefined ? '' : canonicalizeUrl(item.link, linkBase(item, ctx.baseUrl));
  // Cut before converting: markup may triple a headline's length, never a thousandfold.
  const rawTitle = item.title === undefined ? '' : htmlToText(item.title.slice(0, MAX_TITLE_CHARS * 4));
  const summary = summaryOf(item);
  if (rawTitle === '' && url === '' && summary === '') return null;

  const title = rawTitle !== '' ? truncateText(rawTitle, MAX_TITLE_CHARS) : truncateText(summary, MAX_TITLE_FALLBACK_CHARS);
  const id =
    item.guid !== undefined && item.guid.trim() !== ''
      ? idFromGuid(feed.id, item.guid)
      : url !== ''
        ? idFromUrl(url)
        : idFromTitle(feed.id, rawTitle !== '' ? rawTitle : summary);
  const date = publishedAt(item, ctx.now);
  const language =
    primaryLanguage(feed.language) ?? primaryLanguage(item.language) ?? primaryLanguage(ctx.feedLanguage);
  const author = item.author === undefined ? '' : htmlToText(item.author);
  const body = item.content === undefined ? '' : truncateText(htmlToText(item.content), MAX_BODY_CHARS);

  return {
    id,
    feedId: feed.id,
    url,
    title,
    summary,
    publishedAt: date.iso,
    publishedAtIsFirstSeen: date.firstSeen,
    source: feed.name,
    // The label travels with the article so alerts and story reports show it; the reason stays in config.
    ...(feed.label ? { sourceLabel: { type: feed.label.type, ...(feed.label.country ? { country: feed.label.country } : {}) } } : {}),
    ...(language === undefined ? {} : { language }),
    ...(author === '' ? {} : { author }),
    // The body matters to matching only when it says more than the summary already does.
    ...(body === '' || body === summary ? {} : { body }),
  };
}
