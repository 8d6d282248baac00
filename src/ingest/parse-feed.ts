import { decodeHTML } from 'entities';
import Parser from 'rss-parser';
import type { FeedError } from './feed-outcome.js';
import { htmlToText } from './html-text.js';

/** One item as the feed gave it, reduced to strings; normalize-article.ts turns it into an Article. */
export interface RawFeedItem {
  /** RSS <guid>, Atom <id>, RSS 1.0 rdf:about. */
  guid?: string;
  link?: string;
  title?: string;
  /** The lede: RSS <description>, Atom <summary>. May hold HTML. */
  description?: string;
  /** The body: content:encoded, Atom <content>. May hold HTML. */
  content?: string;
  mediaDescription?: string;
  /** Date candidates, in the order normalize tries them. */
  isoDate?: string;
  pubDate?: string;
  dcDate?: string;
  updated?: string;
  /** dc:language of the item. */
  language?: string;
  author?: string;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom';

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The feed's <language> or dc:language, as written. */
  language?: string;
  /** <ttl> (minutes) or sy:updatePeriod/sy:updateFrequency, in ms. */
  ttlMs?: number;
  items: RawFeedItem[];
}

const ROOT_FORMATS: Record<string, FeedFormat> = { rss: 'rss', 'rdf:rdf': 'rdf', feed: 'atom' };

const SY_PERIOD_MS: Record<string, number> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: 30 * 86_400_000,
  yearly: 365 * 86_400_000,
};

function createParser(): Parser {
  return new Parser({
    // <rss> without a version attribute is read as 2.0 rather than rejected.
    defaultRSS: 2,
    customFields: {
      feed: ['dc:language', 'sy:updatePeriod', 'sy:updateFrequency'],
      item: ['media:description', 'updated', 'published', 'dc:language'],
    },
  });
}

/**
 * Name of the document's root element, skipping the declaration, comments, doctype and
 * processing instructions; '' when the text has no element at all.
 */
export function sniffRootElement(text: string): string {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) return '';
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) return '';
      i = end + 3;
    } else if (text[lt + 1] === '?' || text[lt + 1] === '!') {
      const end = text.indexOf('>', lt + 2);
      if (end === -1) return '';
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(lt, lt + 64));
      return m?.[1]?.toLowerCase() ?? '';
    }
  }
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Second chance for feeds that are almost XML: HTML named entities (&nbsp;, &eacute;) become
 * numeric references, bare ampersands are escaped, and unreadable Atom dates are emptied
 * (rss-parser throws on them and would lose the whole feed over one date).
 */
function repairAlmostXml(text: string): string {
  return text
    .replace(/&([A-Za-z][A-Za-z0-9]{1,31});/g, (whole, name: string) => {
      if (XML_ENTITIES.has(name)) return whole;
      const decoded = decodeHTML(whole);
      const code = decoded.length > 0 && decoded !== whole ? decoded.codePointAt(0) : undefined;
      return code === undefined ? `&amp;${name};` : `&#${code};`;
    })
    .replace(/&(?!#\d{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g, '&amp;')
    .replace(/<(published|updated)>([^<]{0,100})<\/\1>/g, (whole, tag: string, value: string) =>
      Number.isNaN(Date.parse(value.trim())) ? `<${tag}></${tag}>` : whole,
    );
}

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  // xml2js gives { _: text, $: attributes } for elements that carry attributes.
  if (v !== null && typeof v === 'object' && '_' in v && typeof v._ === 'string') return str(v._);
  return undefined;
};

function toRawItem(it: Record<string, unknown>, format: FeedFormat): RawFeedItem {
  const guid = str(it['guid']) ?? str(it['id']) ?? str(it['rdf:about']);
  let link = str(it['link']);
  // RSS: a guid is a permalink unless it says otherwise, so it stands in for a missing <link>.
  if (link === undefined && guid !== undefined && /^https?:\/\//i.test(guid.trim())) link = guid;
  const atom = format === 'atom';
  const item: RawFeedItem = {
    guid,
    link,
    title: str(it['title']),
    description: atom ? str(it['summary']) : (str(it['content']) ?? str(it['summary'])),
    content: atom ? str(it['content']) : str(it['content:encoded']),
    mediaDescription: str(it['media:description']),
    isoDate: str(it['isoDate']),
    pubDate: str(it['pubDate']) ?? str(it['published']),
    dcDate: str(it['dc:date']) ?? str(it['date']),
    updated: str(it['updated']),
    language: str(it['language']) ?? str(it['dc:language']),
    author: str(it['creator']) ?? str(it['author']) ?? str(it['dc:creator']),
  };
  for (const key of Object.keys(item) as (keyof RawFeedItem)[]) if (item[key] === undefined) delete item[key];
  return item;
}

function feedTtlMs(feed: Record<string, unknown>): number | undefined {
  const ttlMinutes = Number(str(feed['ttl']));
  if (Number.isFinite(ttlMinutes) && ttlMinutes > 0) return Math.round(ttlMinutes * 60_000);
  const period = str(feed['sy:updatePeriod'])?.trim().toLowerCase();
  const frequency = str(feed['sy:updateFrequency']);
  if (period === undefined && frequency === undefined) return undefined;
  const periodMs = SY_PERIOD_MS[period ?? 'daily'];
  const times = frequency === undefined ? 1 : Number(frequency);
  if (periodMs === undefined || !Number.isFinite(times) || times <= 0) return undefined;
  return Math.round(periodMs / times);
}

const notAFeed = (message: string): FeedError => ({ kind: 'not-a-feed', message: `parse: ${message}` });

/** Parse decoded feed text (RSS 0.9x/1.0/2.0 or Atom). An HTML page or other document is `not-a-feed`. */
export async function parseFeedText(text: string): Promise<ParsedFeed | FeedError> {
  if (text.trim() === '') return notAFeed('empty body');
  const root = sniffRootElement(text);
  if (root === 'html' || /^\s*<!doctype\s+html/i.test(text)) return notAFeed('got an HTML page, not a feed');
  if (root === '') return notAFeed('no XML element in the body');
  const format = ROOT_FORMATS[root];
  if (format === undefined) return notAFeed(`root element <${root}> is not RSS or Atom`);

  let output: Record<string, unknown>;
  try {
    output = await createParser().parseString(text);
  } catch (first) {
    try {
      output = await createParser().parseString(repairAlmostXml(text));
    } catch {
      const detail = first instanceof Error ? first.message.split('\n').slice(0, 3).join(' ') : String(first);
      return { kind: 'malformed-xml', message: `parse: ${detail}`, cause: first };
    }
  }

  const rawItems = Array.isArray(output['items']) ? (output['items'] as Record<string, unknown>[]) : [];
  const title = str(output['title']);
  const language = str(output['language']) ?? str(output['dc:language']);
  const ttlMs = feedTtlMs(output);
  return {
    format,
    ...(title === undefined ? {} : { title: htmlToText(title) }),
    ...(language === undefined ? {} : { language: language.trim() }),
    ...(ttlMs === undefined ? {} : { ttlMs }),
    items: rawItems.map((it) => toRawItem(it, format)),
  };
}

/** Narrow a parse result. */
export const isFeedError = (v: ParsedFeed | FeedError): v is FeedError => 'kind' in v && !('items' in v);
