import { describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../src/domain/feed.js';
import { MAX_SUMMARY_CHARS, MAX_TITLE_CHARS, normalizeItem, primaryLanguage, type NormalizeContext } from '../../src/ingest/normalize-article.js';
import type { RawFeedItem } from '../../src/ingest/parse-feed.js';

const NOW = Date.parse('2025-12-02T12:00:00Z');
const feed: FeedConfig = { id: 'example-world', name: 'Example World', url: 'https://news.example.org/rss', intervalMinutes: 10 };
const ctx: NormalizeContext = { now: NOW, baseUrl: 'https://news.example.org/world/rss.xml' };

const normalize = (item: RawFeedItem, f: FeedConfig = feed, c: NormalizeContext = ctx) => normalizeItem(item, f, c);
const mustNormalize = (item: RawFeedItem, f: FeedConfig = feed, c: NormalizeContext = ctx) => {
  const a = normalize(item, f, c);
  if (a === null) throw new Error('expected an article');
  return a;
};

describe('normalizeItem: ids', () => {
  const base: RawFeedItem = { title: 'Witkoff meets Umerov in Miami', link: 'https://news.example.org/a?utm_source=rss' };

  it('uses the guid when there is one, namespaced by feed', () => {
    const a = mustNormalize({ ...base, guid: '74122' });
    const b = mustNormalize({ ...base, guid: '74122' }, { ...feed, id: 'other-feed' });
    expect(a.id).toMatch(/^g:[0-9a-f]{24}$/);
    expect(a.id).not.toBe(b.id);
  });

  it('does not namespace a URL guid, so the same story in two feeds shares an id', () => {
    const guid = 'https://news.example.org/a';
    const a = mustNormalize({ ...base, guid });
    const b = mustNormalize({ ...base, guid }, { ...feed, id: 'other-feed' });
    expect(a.id).toMatch(/^u:[0-9a-f]{24}$/);
    expect(a.id).toBe(b.id);
  });

  it('falls back to the canonical link, ignoring tracking parameters', () => {
    const a = mustNormalize({ ...base, link: 'https://news.example.org/a?utm_source=rss&fbclid=1' });
    const b = mustNormalize({ ...base, link: 'https://NEWS.example.org/a#top' });
    expect(a.id).toMatch(/^u:/);
    expect(a.id).toBe(b.id);
    expect(a.url).toBe('https://news.example.org/a');
  });

  it('gives the same id to a guid URL and the same URL as link', () => {
    expect(mustNormalize({ ...base, guid: 'https://news.example.org/a' }).id).toBe(
      mustNormalize({ ...base, link: 'https://news.example.org/a' }).id,
    );
  });

  it('hashes feed id and title when there is neither guid nor link', () => {
    const a = mustNormalize({ title: 'Ceasefire  talks <b>resume</b>' });
    const b = mustNormalize({ title: 'ceasefire talks resume' });
    expect(a.id).toMatch(/^t:[0-9a-f]{24}$/);
    expect(a.id).toBe(b.id);
    expect(mustNormalize({ title: 'ceasefire talks resume' }, { ...feed, id: 'x' }).id).not.toBe(a.id);
  });

  it.each([
    ['guid', { guid: 'abc' }],
    ['link', { link: 'https://news.example.org/b' }],
    ['title only', {}],
  ])('keeps the %s id when the publisher rewrites pubDate', (_name, extra: RawFeedItem) => {
    const first = mustNormalize({ title: 'Talks', ...extra, pubDate: 'Mon, 01 Dec 2025 10:00:00 GMT' });
    const rewritten = mustNormalize({ title: 'Talks', ...extra, pubDate: 'Tue, 02 Dec 2025 11:00:00 GMT' });
    expect(rewritten.id).toBe(first.id);
    expect(rewritten.publishedAt).not.toBe(first.publishedAt);
  });

  it('bounds the id length however long the guid is', () => {
    expect(mustNormalize({ ...base, guid: 'x'.repeat(5_000) }).id.length).toBe(26);
  });
});

describe('normalizeItem: fields', () => {
  it('returns null for an item with no title, no text and no link', () => {
    expect(normalize({ guid: '1', description: ' <br> ' })).toBeNull();
    expect(normalize({ title: '  <br> ', link: 'javascript:void(0)' })).toBeNull();
  });

  it('keeps an item with only a description: the title is the start of the text (RSS 2.0: title or description)', () => {
    const a = mustNormalize({ guid: '1', description: 'Orphan text about talks in Geneva.' });
    expect(a).toMatchObject({ title: 'Orphan text about talks in Geneva.', url: '' });
    const noGuid = mustNormalize({ description: 'Another text.' });
    expect(noGuid.id).toMatch(/^t:/);
    expect(noGuid.id).not.toBe(mustNormalize({ description: 'A third text.' }).id);
  });

  it('resolves a relative link through its xml:base chain (feed, entry, element) before the feed URL', () => {
    expect(mustNormalize({ title: 'T', link: 'p.html', xmlBase: ['https://b.example/blog/', '2025/', '../x/'] }).url).toBe(
      'https://b.example/blog/x/p.html',
    );
    expect(mustNormalize({ title: 'T', link: 'p.html', xmlBase: ['sub/'] }).url).toBe('https://news.example.org/world/sub/p.html');
  });

  it('resolves a relative link against the feed URL', () => {
    expect(mustNormalize({ title: 'T', link: '/ausland/genf-100.html' }).url).toBe('https://news.example.org/ausland/genf-100.html');
  });

  it('turns HTML in title and description into plain text', () => {
    const a = mustNormalize({
      title: 'Talks in <em>Geneva</em> &amp; Berlin',
      link: 'https://e.com/1',
      description: '<p>Envoy <b>Steve Witkoff</b>&nbsp;said&hellip;</p><script>track()</script><img src="x.jpg">',
    });
    expect(a.title).toBe('Talks in Geneva & Berlin');
    expect(a.summary).toBe('Envoy Steve Witkoff said…');
  });

  it.each([
    ['description', { description: 'lede', content: 'body', mediaDescription: 'media' }, 'lede'],
    ['content when description is empty HTML', { description: '<p> </p>', content: '<p>body</p>', mediaDescription: 'media' }, 'body'],
    ['media:description last', { mediaDescription: 'media' }, 'media'],
    ['nothing', {}, ''],
  ])('takes the summary from %s', (_name, extra: RawFeedItem, expected) => {
    expect(mustNormalize({ title: 'T', link: 'https://e.com/1', ...extra }).summary).toBe(expected);
  });

  it('caps a long summary on a word boundary', () => {
    const summary = mustNormalize({ title: 'T', description: 'word '.repeat(2_000) }).summary;
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(summary.endsWith('word…')).toBe(true);
  });

  it('keeps the full text as body for matching when it says more than the lede', () => {
    const article = mustNormalize({ title: 'T', description: '<p>Lede.</p>', content: '<p>Lede.</p><p>Witkoff and <b>Kushner</b> met.</p>' });
    expect(article.summary).toBe('Lede.');
    expect(article.body).toBe('Lede. Witkoff and Kushner met.');
    expect(mustNormalize({ title: 'T', description: 'Same.', content: '<p>Same.</p>' }).body).toBeUndefined();
  });

  it('uses the start of the summary as title when the item has only a link', () => {
    expect(mustNormalize({ link: 'https://e.com/1', description: 'Envoys met in Miami.' }).title).toBe('Envoys met in Miami.');
  });

  it('keeps source, feed id and author', () => {
    expect(mustNormalize({ title: 'T', author: 'Jane <i>Reporter</i>' })).toMatchObject({
      feedId: 'example-world',
      source: 'Example World',
      author: 'Jane Reporter',
    });
  });
});

describe('normalizeItem: dates', () => {
  it.each([
    ['isoDate', { isoDate: '2025-12-01T10:00:00.000Z' }, '2025-12-01T10:00:00.000Z'],
    ['an RFC 822 pubDate', { pubDate: 'Mon, 01 Dec 2025 13:00:00 +0300' }, '2025-12-01T10:00:00.000Z'],
    ['dc:date', { dcDate: '2025-12-01T11:00:00+01:00' }, '2025-12-01T10:00:00.000Z'],
    ['Atom updated', { updated: '2025-12-01T10:00:00Z' }, '2025-12-01T10:00:00.000Z'],
    ['the next candidate after an unreadable pubDate', { pubDate: 'yesterday', updated: '2025-12-01T10:00:00Z' }, '2025-12-01T10:00:00.000Z'],
    ['a date a few hours ahead (clock skew)', { isoDate: '2025-12-02T20:00:00Z' }, '2025-12-02T20:00:00.000Z'],
  ])('reads %s', (_name, dates: RawFeedItem, expected) => {
    const a = mustNormalize({ title: 'T', ...dates });
    expect(a.publishedAt).toBe(expected);
    expect(a.publishedAtIsFirstSeen).toBe(false);
  });

  it.each([
    ['no date', {}],
    ['an unreadable date', { pubDate: 'sometime soon' }],
    ['a date more than a day in the future', { isoDate: '2025-12-04T12:00:00Z' }],
    ['a CMS default date', { pubDate: 'Thu, 01 Jan 1970 00:00:00 GMT' }],
  ])('uses now as first-seen time for %s', (_name, dates: RawFeedItem) => {
    const a = mustNormalize({ title: 'T', ...dates });
    expect(a.publishedAt).toBe('2025-12-02T12:00:00.000Z');
    expect(a.publishedAtIsFirstSeen).toBe(true);
  });
});

describe('normalizeItem: language', () => {
  it.each([
    ['the feed config first', { ...feed, language: 'uk' }, { language: 'ru-RU' }, 'en', 'uk'],
    ['the item dc:language next', feed, { language: 'ru-RU' }, 'en', 'ru'],
    ['the feed <language> last', feed, {}, 'en-US', 'en'],
    ['nothing when nobody says', feed, {}, undefined, undefined],
  ])('takes %s', (_name, f: FeedConfig, item: RawFeedItem, feedLanguage, expected) => {
    const c = feedLanguage === undefined ? ctx : { ...ctx, feedLanguage };
    expect(mustNormalize({ title: 'T', ...item }, f, c).language).toBe(expected);
  });

  it.each([
    ['en-US', 'en'],
    ['ru_RU', 'ru'],
    ['UK', 'uk'],
    [' fr ', 'fr'],
    ['english', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reduces %j to %j', (tag, expected) => {
    expect(primaryLanguage(tag)).toBe(expected);
  });
});

describe('title length at ingest', () => {
  it('caps a 1 MB title at MAX_TITLE_CHARS, so no later stage sees more', () => {
    const article = normalizeItem({ guid: 'huge', title: 'a '.repeat(512 * 1024), link: 'https://news.example/huge' }, { id: 'f', name: 'F', url: 'https://news.example/rss', intervalMinutes: 10 }, { now: Date.parse('2025-12-13T12:00:00Z'), baseUrl: 'https://news.example/rss' });
    expect(article!.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(article!.title.endsWith('…')).toBe(true);
  });
});
