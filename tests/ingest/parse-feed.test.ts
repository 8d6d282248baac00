import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../src/ingest/decode-charset.js';
import type { FeedError } from '../../src/ingest/feed-outcome.js';
import { isFeedError, parseFeedText, sniffRootElement, type ParsedFeed } from '../../src/ingest/parse-feed.js';
import { readFeedFixture } from './feed-fixtures.js';

const fixtureText = (name: string): string => decodeFeedBody(readFeedFixture(name)).text;

async function parseOk(text: string): Promise<ParsedFeed> {
  const parsed = await parseFeedText(text);
  if (isFeedError(parsed)) throw new Error(`expected a feed, got ${parsed.message}`);
  return parsed;
}

async function parseErr(text: string): Promise<FeedError> {
  const parsed = await parseFeedText(text);
  if (!isFeedError(parsed)) throw new Error('expected an error');
  return parsed;
}

describe('parseFeedText', () => {
  it('reads an RSS 2.0 feed: title, language, ttl and items', async () => {
    const feed = await parseOk(fixtureText('rss2-utf8.xml'));
    expect(feed).toMatchObject({ format: 'rss', title: 'World News – Europe', language: 'en-GB', ttlMs: 15 * 60_000 });
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toMatchObject({
      guid: 'https://news.example.org/world/europe/witkoff-umerov-miami',
      title: 'Witkoff and Kushner meet Umerov in Miami for new round of peace talks',
      author: 'Jane Reporter',
      mediaDescription: 'Delegations arrive at the talks venue',
      isoDate: '2025-12-02T08:15:00.000Z',
    });
    expect(feed.items[0]?.description).toContain('<b>Steve Witkoff</b>');
    expect(feed.items[1]).toMatchObject({ guid: 'news-example-74122' });
    expect(feed.items[1]?.content).toContain('Full article text');
    expect(feed.items[2]?.guid).toBeUndefined();
  });

  it('reads an Atom feed: html title, relative link, summary before content, updated-only entry', async () => {
    const feed = await parseOk(fixtureText('atom.xml'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Nachrichten – Ausland' });
    expect(feed.items[0]).toMatchObject({
      guid: 'tag:nachrichten.example.de,2025:ausland-100',
      link: '/ausland/genf-gespraeche-100.html',
      title: 'Gespräche in Genf: <em>Sicherheitsgarantien</em> für die Ukraine',
      author: 'Redaktion Ausland',
      isoDate: '2025-12-02T08:12:00.000Z',
    });
    expect(feed.items[0]?.description).toContain('Waffenstillstand');
    expect(feed.items[0]?.content).toContain('Langer Artikeltext');
    expect(feed.items[1]).toMatchObject({ updated: '2025-12-01T18:00:00Z', isoDate: '2025-12-01T18:00:00.000Z' });
    expect(feed.items[1]?.content).toContain('Steve Witkoff wird im Kreml erwartet');
  });

  it('reads RSS 1.0 (RDF) with dc:date and dc:language', async () => {
    const feed = await parseOk(`<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
               xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
        <channel rdf:about="https://e.example.pl/"><title>Wiadomości</title><dc:language>pl</dc:language>
          <sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel>
        <item rdf:about="https://e.example.pl/a/1"><title>Rozmowy w Genewie</title><link>https://e.example.pl/a/1</link>
          <dc:date>2025-12-01T10:00:00+01:00</dc:date><dc:language>pl-PL</dc:language></item>
      </rdf:RDF>`);
    expect(feed).toMatchObject({ format: 'rdf', title: 'Wiadomości', language: 'pl', ttlMs: 15 * 60_000 });
    expect(feed.items[0]).toMatchObject({ guid: 'https://e.example.pl/a/1', language: 'pl-PL', isoDate: '2025-12-01T09:00:00.000Z' });
  });

  it('reads RSS 0.91 and an <rss> without version', async () => {
    for (const version of [' version="0.91"', '']) {
      const feed = await parseOk(`<rss${version}><channel><title>Old</title><item><title>T</title><link>http://e.com/1</link></item></channel></rss>`);
      expect(feed.items[0]).toMatchObject({ title: 'T', link: 'http://e.com/1' });
    }
  });

  it('uses a permalink guid as the link when <link> is missing', async () => {
    const feed = await parseOk('<rss version="2.0"><channel><title>x</title><item><title>T</title><guid>https://e.com/p/9</guid></item></channel></rss>');
    expect(feed.items[0]).toMatchObject({ link: 'https://e.com/p/9', guid: 'https://e.com/p/9' });
  });

  it('survives HTML entities and bare ampersands that strict XML rejects', async () => {
    const feed = await parseOk('<rss version="2.0"><channel><title>Q&A</title><item><title>Peace&nbsp;talks &eacute;t&eacute; &copy;</title></item></channel></rss>');
    expect(feed.title).toBe('Q&A');
    expect(feed.items[0]?.title).toBe('Peace\u00A0talks été ©');
  });

  it('keeps the other entries when one Atom date is unreadable', async () => {
    const feed = await parseOk(`<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
      <entry><id>1</id><title>Bad date</title><published>yesterday-ish</published></entry>
      <entry><id>2</id><title>Good</title><published>2025-12-01T00:00:00Z</published></entry></feed>`);
    expect(feed.items.map((i) => i.title)).toEqual(['Bad date', 'Good']);
    expect(feed.items[1]?.isoDate).toBe('2025-12-01T00:00:00.000Z');
  });

  it('returns a feed with no items for an empty channel', async () => {
    const feed = await parseOk('<rss version="2.0"><channel><title>Empty</title></channel></rss>');
    expect(feed.items).toEqual([]);
  });

  it.each([
    ['an HTML page', () => fixtureText('html-page.html'), /HTML page/],
    ['lower-case html without doctype', () => '<html><body>moved</body></html>', /HTML page/],
    ['a JSON body', () => '{"items": []}', /no XML element/],
    ['an empty body', () => '  \n', /empty body/],
    ['another XML document', () => '<?xml version="1.0"?><!-- sitemap --><urlset><url/></urlset>', /<urlset>/],
  ])('reports %s as not-a-feed', async (_name, text, message) => {
    const err = await parseErr(text());
    expect(err.kind).toBe('not-a-feed');
    expect(err.message).toMatch(/^parse: /);
    expect(err.message).toMatch(message);
  });

  it('reports broken XML as malformed-xml with the parser error as cause', async () => {
    const err = await parseErr(fixtureText('broken.xml'));
    expect(err.kind).toBe('malformed-xml');
    expect(err.message).toMatch(/^parse: /);
    expect(err.cause).toBeInstanceOf(Error);
  });
});

describe('sniffRootElement', () => {
  it.each([
    ['<?xml version="1.0"?>\n<!-- c --><!DOCTYPE rss SYSTEM "x"><?xml-stylesheet href="s.xsl"?><rss>', 'rss'],
    ['\uFEFF<feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
    ['<rdf:RDF xmlns:rdf="x">', 'rdf:rdf'],
    ['<!DOCTYPE html><HTML>', 'html'],
    ['no markup', ''],
    ['<!-- never closed', ''],
  ])('reads the root of %j', (text, expected) => {
    expect(sniffRootElement(text)).toBe(expected);
  });
});

describe('feed text that names a property of Object.prototype', () => {
  it.each(['constructor', '__proto__', 'toString'])('calls a <%s> root not a feed', async (root) => {
    const out = await parseFeedText(`<?xml version="1.0"?><${root}><channel><title>x</title></channel></${root}>`);
    expect(isFeedError(out) && out.kind).toBe('not-a-feed');
  });
  it('ignores an sy:updatePeriod of "constructor"', async () => {
    const out = await parseFeedText(`<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>x</title>
      <sy:updatePeriod>constructor</sy:updatePeriod><item><title>T</title><link>http://e.com/1</link></item></channel></rss>`);
    expect(isFeedError(out)).toBe(false);
    if (!isFeedError(out)) expect(out.ttlMs).toBeUndefined();
  });
});
