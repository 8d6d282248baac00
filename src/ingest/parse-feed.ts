import Parser from 'rss-parser';
import type { FeedError } from './feed-outcome.js';
import { htmlToText } from './html-text.js';
import { isJsonFeedCandidate, parseJsonFeed } from './json-feed.js';
import { repairAlmostXml, rootElementStart } from './repair-xml.js';
import { inlineXhtmlToEscapedHtml, textConstructToHtml } from './text-construct.js';
import type { LinkValue } from './websub-discovery.js';

/**
 * One item as the feed gave it, reduced to strings; normalize-article.ts turns it into an Article.
 * title, description, content and mediaDescription are HTML fragments: parsers escape what the
 * feed declares as plain text (Atom type="text", JSON Feed content_text), so `<b>` in a text title
 * stays visible.
 */
export interface RawFeedItem {
  /** RSS <guid>, Atom <id>, RSS 1.0 rdf:about, JSON Feed id. */
  guid?: string;
  /** May be relative: resolved against xmlBase, then the feed's URL. */
  link?: string;
  /** xml:base values that apply to link, outermost (feed) first; each may itself be relative. */
  xmlBase?: string[];
  title?: string;
  /** The lede: RSS <description>, dc:description, Atom <summary>, JSON Feed summary. */
  description?: string;
  /** The body: content:encoded, Atom <content>, JSON Feed content_html/content_text. */
  content?: string;
  /** media:description, also inside media:group or media:content. */
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

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The feed's <language> or dc:language, as written. */
  language?: string;
  /** <ttl> (minutes) or sy:updatePeriod/sy:updateFrequency, in ms. */
  ttlMs?: number;
  /** The feed's own links with their rels (Atom <link>, RSS <atom:link>), for WebSub discovery. */
  links?: LinkValue[];
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

// `keepArray` hands over the xml2js nodes themselves, attributes included: rss-parser's own
// reading of these fields drops type/mode (Atom text constructs), isPermaLink, rel and xml:base.
const KEEP = { keepArray: true };
const parserOptions = {
  // <rss> without a version attribute is read as 2.0 rather than rejected.
  defaultRSS: 2,
  customFields: {
    feed: [
      'dc:language', 'sy:updatePeriod', 'sy:updateFrequency',
      ['$', 'attrs', KEEP],
      ['link', 'linkNodes', KEEP],
      ['atom:link', 'atomLinkNodes', KEEP],
    ],
    item: [
      'updated', 'published', 'issued', 'modified', 'created', 'dc:language',
      ['$', 'attrs', KEEP],
      ['title', 'titleNodes', KEEP],
      ['summary', 'summaryNodes', KEEP],
      ['content', 'contentNodes', KEEP],
      ['link', 'linkNodes', KEEP],
      ['guid', 'guidNodes', KEEP],
      ['dc:description', 'dcDescriptionNodes', KEEP],
      ['media:description', 'mediaDescriptionNodes', KEEP],
      ['media:group', 'mediaGroupNodes', KEEP],
      ['media:content', 'mediaContentNodes', KEEP],
    ],
  },
} as unknown as Parser.ParserOptions<Record<string, unknown>, Record<string, unknown>>;

const createParser = (): Parser => new Parser(parserOptions);

/**
 * Name of the document's root element, skipping the declaration, comments, doctype and
 * processing instructions; '' when the text has no element at all.
 */
export function sniffRootElement(text: string): string {
  const lt = rootElementStart(text);
  if (lt === -1) return '';
  const m = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(lt, lt + 64));
  return m?.[1]?.toLowerCase() ?? '';
}

/** xml:base of the root element (<feed>, <rss>, <rdf:RDF>), read from its start tag. */
function rootXmlBase(text: string): string | undefined {
  const lt = rootElementStart(text);
  if (lt === -1) return undefined;
  const tag = /^<[^>]{0,2000}>/.exec(text.slice(lt, lt + 2048))?.[0] ?? '';
  return /\sxml:base\s*=\s*(["'])([^"']*)\1/.exec(tag)?.[2];
}

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  // xml2js gives { _: text, $: attributes } for elements that carry attributes.
  if (v !== null && typeof v === 'object' && '_' in v && typeof v._ === 'string') return str(v._);
  return undefined;
};

type XmlNodes = unknown[] | undefined;

const nodes = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const attrOf = (node: unknown, name: string): string | undefined => {
  if (node === null || typeof node !== 'object' || !('$' in node)) return undefined;
  const v = (node.$ as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
};

/** The Atom link a reader opens: rel="alternate" or no rel (RFC 4287 §4.2.7.2), never self/enclosure. */
function atomAlternate(links: XmlNodes): { href: string; base?: string } | undefined {
  const candidates = nodes(links).filter((l) => attrOf(l, 'href') !== undefined);
  const pick =
    candidates.find((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate') ??
    candidates.find((l) => attrOf(l, 'rel') === 'related');
  if (pick === undefined) return undefined;
  const base = attrOf(pick, 'xml:base');
  return { href: attrOf(pick, 'href')!.trim(), ...(base === undefined ? {} : { base }) };
}

/** media:description directly on the item, in a media:group, or in a media:content (MRSS 1.5). */
function mediaDescription(it: Record<string, unknown>): string | undefined {
  const holders = [it, ...nodes(it['mediaGroupNodes']), ...nodes(it['mediaContentNodes'])];
  for (const group of nodes(it['mediaGroupNodes'])) {
    if (group !== null && typeof group === 'object') holders.push(...nodes((group as Record<string, unknown>)['media:content']));
  }
  for (const holder of holders) {
    if (holder === null || typeof holder !== 'object') continue;
    const h = holder as Record<string, unknown>;
    const list = h === it ? nodes(it['mediaDescriptionNodes']) : nodes(h['media:description']);
    for (const node of list) {
      const html = textConstructToHtml(node, 'plain');
      if (html !== undefined) return html;
    }
  }
  return undefined;
}

/** RSS: a guid is a permalink unless isPermaLink="false", so it stands in for a missing <link>. */
function permalinkGuid(it: Record<string, unknown>, guid: string | undefined): string | undefined {
  if (guid === undefined || !/^https?:\/\//i.test(guid.trim())) return undefined;
  const node = nodes(it['guidNodes'])[0];
  return attrOf(node, 'isPermaLink')?.trim().toLowerCase() === 'false' ? undefined : guid.trim();
}

function toRawItem(it: Record<string, unknown>, format: FeedFormat, feedBase: string[]): RawFeedItem {
  const guid = str(it['guid']) ?? str(it['id']) ?? str(it['rdf:about']);
  const atom = format === 'atom';
  const entryBase = attrOf({ $: it['attrs'] }, 'xml:base');
  const xmlBase = entryBase === undefined ? [...feedBase] : [...feedBase, entryBase];
  let link: string | undefined;
  if (atom) {
    const alternate = atomAlternate(it['linkNodes'] as XmlNodes);
    link = alternate?.href;
    if (alternate?.base !== undefined) xmlBase.push(alternate.base);
    // An Atom id that is an http(s) URL is, in practice, the entry's address.
    if (link === undefined && guid !== undefined && /^https?:\/\//i.test(guid.trim())) link = guid.trim();
  } else {
    const node = nodes(it['linkNodes'])[0];
    link = str(node);
    const linkBase = attrOf(node, 'xml:base');
    if (linkBase !== undefined) xmlBase.push(linkBase);
    link ??= permalinkGuid(it, guid);
  }
  const firstHtml = (list: unknown): string | undefined => {
    const node = nodes(list)[0];
    return atom ? textConstructToHtml(node) : str(node);
  };
  const item: RawFeedItem = {
    guid,
    link,
    ...(xmlBase.length > 0 ? { xmlBase } : {}),
    title: atom ? firstHtml(it['titleNodes']) : str(it['title']),
    description: atom
      ? firstHtml(it['summaryNodes'])
      : (str(it['content']) ?? str(nodes(it['dcDescriptionNodes'])[0]) ?? str(it['summary'])),
    content: atom ? firstHtml(it['contentNodes']) : str(it['content:encoded']),
    mediaDescription: mediaDescription(it),
    isoDate: str(it['isoDate']),
    pubDate: str(it['pubDate']) ?? str(it['published']) ?? str(it['issued']) ?? str(it['created']),
    dcDate: str(it['dc:date']) ?? str(it['date']),
    updated: str(it['updated']) ?? str(it['modified']),
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
  // Feed text selects the entry: an own property only, so "constructor" finds nothing.
  const key = period ?? 'daily';
  const periodMs = Object.hasOwn(SY_PERIOD_MS, key) ? SY_PERIOD_MS[key] : undefined;
  const times = frequency === undefined ? 1 : Number(frequency);
  if (periodMs === undefined || !Number.isFinite(times) || times <= 0) return undefined;
  return Math.round(periodMs / times);
}

const notAFeed = (message: string): FeedError => ({ kind: 'not-a-feed', message: `parse: ${message}` });

/**
 * Parse decoded feed text: RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 through rss-parser, JSON Feed 1.0/1.1
 * (by Content-Type or by content). An HTML page or other document is `not-a-feed`.
 */
export async function parseFeedText(text: string, contentType?: string): Promise<ParsedFeed | FeedError> {
  if (text.trim() === '') return notAFeed('empty body');
  if (isJsonFeedCandidate(text, contentType)) return parseJsonFeed(text);
  const root = sniffRootElement(text);
  if (root === 'html' || /^\s*<!doctype\s+html/i.test(text)) return notAFeed('got an HTML page, not a feed');
  if (root === '') return notAFeed('no XML element in the body');
  const format = Object.hasOwn(ROOT_FORMATS, root) ? ROOT_FORMATS[root] : undefined;
  if (format === undefined) return notAFeed(`root element <${root}> is not RSS or Atom`);

  const prepared = inlineXhtmlToEscapedHtml(text);
  let output: Record<string, unknown>;
  try {
    output = await createParser().parseString(prepared);
  } catch (first) {
    try {
      output = await createParser().parseString(repairAlmostXml(prepared));
    } catch {
      const detail = first instanceof Error ? first.message.split('\n').slice(0, 3).join(' ') : String(first);
      return { kind: 'malformed-xml', message: `parse: ${detail}`, cause: first };
    }
  }

  const rawItems = Array.isArray(output['items']) ? (output['items'] as Record<string, unknown>[]) : [];
  const title = str(output['title']);
  const language = str(output['language']) ?? str(output['dc:language']);
  const ttlMs = feedTtlMs(output);
  const links: LinkValue[] = [...nodes(output['linkNodes']), ...nodes(output['atomLinkNodes'])]
    .map((l) => ({ href: attrOf(l, 'href')?.trim() ?? '', rels: (attrOf(l, 'rel') ?? '').toLowerCase().split(/\s+/).filter((r) => r !== '') }))
    .filter((l) => l.href !== '' && l.rels.length > 0)
    .slice(0, 32);
  const feedBase = [rootXmlBase(text), format === 'atom' ? undefined : attrOf({ $: output['attrs'] }, 'xml:base')].filter(
    (b): b is string => b !== undefined,
  );
  return {
    format,
    ...(title === undefined ? {} : { title: htmlToText(title) }),
    ...(language === undefined ? {} : { language: language.trim() }),
    ...(ttlMs === undefined ? {} : { ttlMs }),
    ...(links.length === 0 ? {} : { links }),
    items: rawItems.map((it) => toRawItem(it, format, feedBase)),
  };
}

/** Narrow a parse result. */
export const isFeedError = (v: ParsedFeed | FeedError): v is FeedError => 'kind' in v && !('items' in v);
