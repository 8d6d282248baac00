// Fuzzing the normalizer (fast-check, seeded and bounded): any bytes a feed server sends give
// either a classified error or articles whose every field is bounded and valid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../src/domain/feed.js';
import { decodeFeedBody } from '../../src/ingest/decode-charset.js';
import { MAX_BODY_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, normalizeItem } from '../../src/ingest/normalize-article.js';
import { isFeedError, parseFeedText } from '../../src/ingest/parse-feed.js';

const RUNS = { seed: 20251206, numRuns: 100 };
const feed: FeedConfig = { id: 'fuzz', name: 'Fuzz', url: 'https://fuzz.example/feed', intervalMinutes: 5 };
const NOW = Date.UTC(2025, 11, 6);
const enc = new TextEncoder();

// Arbitrary bytes, alone or inside the places of an RSS item where a feed's text goes.
const bytes = fc.uint8Array({ maxLength: 400 });
const filler = fc.oneof(bytes, fc.string({ unit: 'binary', maxLength: 200 }).map((s) => enc.encode(s)), fc.constant(enc.encode('a '.repeat(5_000))));
const concat = (parts: Uint8Array[]) => Buffer.concat(parts);
const document = fc.oneof(
  bytes,
  fc.tuple(filler, filler, filler, filler).map(([title, link, description, content]) =>
    concat([
      enc.encode('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>'),
      title,
      enc.encode('</title><link>'),
      link,
      enc.encode('</link><description>'),
      description,
      enc.encode('</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'),
      content,
      enc.encode('</content:encoded><pubDate>'),
      title.subarray(0, 40),
      enc.encode('</pubDate></item></channel></rss>'),
    ]),
  ),
  fc.tuple(filler, filler).map(([title, summary]) =>
    concat([enc.encode('{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","title":'), enc.encode(JSON.stringify(Buffer.from(title).toString('latin1'))), enc.encode(',"content_text":'), enc.encode(JSON.stringify(Buffer.from(summary).toString('utf8'))), enc.encode('}]}')]),
  ),
);

describe('normalizer properties', () => {
  it('any bytes give a classified error or bounded, valid articles', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.constantFrom(undefined, 'application/rss+xml', 'text/html; charset=koi8-r', 'application/feed+json'), async (body, contentType) => {
        const decoded = decodeFeedBody(body, contentType);
        const parsed = await parseFeedText(decoded.text, contentType);
        if (isFeedError(parsed)) {
          expect(parsed.message).toMatch(/^\w+: /u);
          return;
        }
        for (const item of parsed.items) {
          const article = normalizeItem(item, feed, { now: NOW, baseUrl: feed.url });
          if (article === null) continue;
          expect(article.id).not.toBe('');
          expect(article.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
          expect(article.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
          expect((article.body ?? '').length).toBeLessThanOrEqual(MAX_BODY_CHARS);
          if (article.url !== '') expect(article.url).toMatch(/^https?:\/\//u);
          expect(Number.isNaN(Date.parse(article.publishedAt))).toBe(false);
          expect(Date.parse(article.publishedAt)).toBeLessThanOrEqual(NOW + 86_400_000);
        }
      }),
      RUNS,
    );
  });
});
