import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../src/domain/feed.js';
import { decodeFeedBody } from '../../src/ingest/decode-charset.js';
import { htmlToText, textToHtml } from '../../src/ingest/html-text.js';
import { normalizeItem } from '../../src/ingest/normalize-article.js';
import { isFeedError, parseFeedText, type ParsedFeed } from '../../src/ingest/parse-feed.js';

/** Seeded and bounded: the same cases on every run, a few hundred at most. */
const RUNS = { seed: 20251206, numRuns: 150 };

const feed: FeedConfig = { id: 'prop', name: 'Prop', url: 'https://prop.example/feed', intervalMinutes: 5 };
const ctx = { now: Date.UTC(2025, 11, 2), baseUrl: feed.url };

// Visible text as a reader sees it after htmlToText: no leading/trailing or doubled spaces, no
// controls or invisibles, but every character XML and HTML treat specially.
const visibleText = fc
  .array(fc.constantFrom(...'abcXYZ жё éü 0<>&;"\'/=!?#-'.split('')), { minLength: 1, maxLength: 40 })
  .map((chars) => chars.join('').replace(/\s+/g, ' ').trim())
  .filter((s) => s !== '');

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function parseOk(text: string, contentType?: string): Promise<ParsedFeed> {
  const parsed = await parseFeedText(text, contentType);
  if (isFeedError(parsed)) throw new Error(parsed.message);
  return parsed;
}

describe('feed parsing properties', () => {
  it('htmlToText(textToHtml(text)) gives the text back', () => {
    fc.assert(
      fc.property(visibleText, (text) => htmlToText(textToHtml(text)) === text),
      RUNS,
    );
  });

  it('an Atom type="text" title reads back as written, whatever characters it holds', async () => {
    await fc.assert(
      fc.asyncProperty(visibleText, async (title) => {
        const parsed = await parseOk(
          `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title type="text">${xmlEscape(title)}</title></entry></feed>`,
        );
        expect(normalizeItem(parsed.items[0]!, feed, ctx)?.title).toBe(title);
      }),
      RUNS,
    );
  });

  it('an xhtml title keeps the text of every inline element, in order', async () => {
    const segment = fc.record({ text: visibleText, tag: fc.constantFrom('', 'b', 'i', 'em', 'span') });
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 5 }), async (segments) => {
        const inner = segments.map(({ text, tag }) => (tag === '' ? xmlEscape(text) : `<${tag}>${xmlEscape(text)}</${tag}>`)).join(' ');
        const parsed = await parseOk(
          `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${inner}</div></title></entry></feed>`,
        );
        expect(normalizeItem(parsed.items[0]!, feed, ctx)?.title).toBe(segments.map((s) => s.text).join(' '));
      }),
      RUNS,
    );
  });

  it('an RSS item with a title or a description is always an article, its title never empty', async () => {
    const item = fc.record({ title: fc.option(visibleText, { nil: undefined }), description: fc.option(visibleText, { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 6 }), async (items) => {
        const xml = `<rss version="2.0"><channel><title>p</title>${items
          .map(
            (i) =>
              `<item>${i.title === undefined ? '' : `<title>${xmlEscape(xmlEscape(i.title))}</title>`}${
                i.description === undefined ? '' : `<description>${xmlEscape(xmlEscape(i.description))}</description>`
              }</item>`,
          )
          .join('')}</channel></rss>`;
        const parsed = await parseOk(xml);
        expect(parsed.items).toHaveLength(items.length);
        for (const [n, raw] of parsed.items.entries()) {
          const article = normalizeItem(raw, feed, ctx);
          const written = items[n]!;
          if (written.title === undefined && written.description === undefined) continue;
          expect(article?.title).toBe(written.title ?? written.description!.slice(0, 160));
        }
      }),
      RUNS,
    );
  });

  it('a JSON Feed item reads back its title, text and link', async () => {
    const jsonItem = fc.record({ id: fc.integer({ min: 1, max: 1e6 }), title: visibleText, content_text: visibleText });
    await fc.assert(
      fc.asyncProperty(fc.array(jsonItem, { minLength: 1, maxLength: 5 }), async (items) => {
        const doc = { version: 'https://jsonfeed.org/version/1.1', title: 'j', items: items.map((i) => ({ ...i, url: `https://j.example/${i.id}` })) };
        const parsed = await parseOk(JSON.stringify(doc), 'application/feed+json');
        for (const [n, raw] of parsed.items.entries()) {
          const article = normalizeItem(raw, feed, ctx)!;
          expect(article).toMatchObject({ title: items[n]!.title, summary: items[n]!.content_text, url: `https://j.example/${items[n]!.id}` });
        }
      }),
      RUNS,
    );
  });

  it('undeclared windows-1252 bytes that are not UTF-8 decode to the text written, never to U+FFFD', () => {
    const latin = fc
      .array(fc.constantFrom(...'aZ é à ü ß € – « » ’ ñ ç Ø'.split('')), { minLength: 1, maxLength: 60 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(latin, (text) => {
        const bytes = iconv.encode(`<rss><channel><title>${text}</title></channel></rss>`, 'windows-1252');
        // "ß–" is DF 96 in windows-1252 and also valid UTF-8 (U+07D6): such bytes are read as UTF-8, as browsers do.
        fc.pre(!isUtf8(bytes) || /^[\x00-\x7f]*$/.test(text));
        const decoded = decodeFeedBody(bytes);
        return !decoded.text.includes('\uFFFD') && decoded.text.includes(`<title>${text}</title>`);
      }),
      RUNS,
    );
  });
});
