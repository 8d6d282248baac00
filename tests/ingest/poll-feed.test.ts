import { afterEach, describe, expect, it } from 'vitest';
import type { FeedConfig } from '../../src/domain/feed.js';
import type { FeedPollOutcome, FetchOptions } from '../../src/ingest/feed-outcome.js';
import { pollFeed } from '../../src/ingest/poll-feed.js';
import { startFeedServer, type FeedServer, type RouteHandler } from '../fakes/feed-server.js';
import { readFeedFixture } from './feed-fixtures.js';
import { LOOPBACK_ALLOWED } from '../builders/config.js';

const OPTIONS: FetchOptions = {
  userAgent: 'peacewatch-test/1.0',
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxBodyBytes: 256 * 1024,
  maxRedirects: 3,
  allowPrivateNetworks: LOOPBACK_ALLOWED,
};
const NOW = Date.parse('2025-12-02T12:00:00Z');

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function poll(route: RouteHandler, feed: Partial<FeedConfig> = {}, conditional = {}): Promise<FeedPollOutcome> {
  server = await startFeedServer({ '/feed': route });
  const config: FeedConfig = { id: 'test-feed', name: 'Test Feed', url: server.url('/feed'), intervalMinutes: 10, ...feed };
  return pollFeed(config, conditional, OPTIONS, NOW);
}

function expectOk(outcome: FeedPollOutcome): Extract<FeedPollOutcome, { kind: 'ok' }> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('pollFeed', () => {
  it('turns an RSS 2.0 feed into articles with hints from headers and <ttl>', async () => {
    const out = expectOk(
      await poll({
        headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: 'W/"abc"' },
        body: readFeedFixture('rss2-utf8.xml'),
      }),
    );
    expect(out).toMatchObject({ status: 200, charset: 'utf-8', charsetSource: 'content-type', feedTitle: 'World News – Europe', feedLanguage: 'en-GB' });
    expect(out.hints).toEqual({ etag: 'W/"abc"', ttlMs: 15 * 60_000, bodyHash: expect.any(String) });
    expect(out.articles.map((a) => a.url)).toEqual([
      'https://news.example.org/world/europe/witkoff-umerov-miami',
      'https://news.example.org/world/europe/dmitriev-berlin',
      'https://news.example.org/world/europe/geneva-plan?page=2',
      'https://news.example.org/weather/alps-storms',
    ]);
    expect(out.articles[0]).toMatchObject({
      feedId: 'test-feed',
      source: 'Test Feed',
      language: 'en',
      publishedAt: '2025-12-02T08:15:00.000Z',
      publishedAtIsFirstSeen: false,
      summary: expect.stringMatching(/^US envoy Steve Witkoff and Jared Kushner met Ukraine’s negotiator/),
    });
    expect(out.articles[1]?.title).toBe('Kremlin envoy Dmitriev says Berlin meeting was "constructive"');
  });

  it.each([
    ['rss-windows-1251.xml', 'windows-1251'],
    ['rss-koi8-r.xml', 'koi8-r'],
  ])('decodes the Cyrillic %s feed end to end', async (file, charset) => {
    const out = expectOk(await poll({ headers: { 'content-type': 'text/xml' }, body: readFeedFixture(file) }));
    expect(out).toMatchObject({ charset, charsetSource: 'xml-declaration', feedLanguage: 'ru' });
    expect(out.articles.map((a) => a.title)).toEqual([
      'Уиткофф и Дмитриев обсудили в Москве мирный план',
      'Умеров: делегация Украины готова к встрече в Женеве',
    ]);
    expect(out.articles[0]?.summary).toContain('Стив Уиткофф провёл переговоры с Кириллом Дмитриевым');
    expect(out.articles[0]?.url).toMatch(/\/witkoff-dmitriev\.html$/);
    expect(out.articles[0]?.language).toBe('ru');
  });

  it('reads a gzip-compressed Atom feed and resolves relative links against the final URL', async () => {
    const out = expectOk(await poll({ gzip: true, headers: { 'content-type': 'application/atom+xml' }, body: readFeedFixture('atom.xml') }, { language: 'de' }));
    expect(out.articles.map((a) => a.title)).toEqual(['Gespräche in Genf: Sicherheitsgarantien für die Ukraine', 'Witkoff reist nach Moskau']);
    expect(out.articles[0]?.url).toBe(`${server?.url('/ausland/genf-gespraeche-100.html')}`);
    expect(out.articles[1]?.url).toBe('https://nachrichten.example.de/ausland/witkoff-moskau-101.html');
    expect(out.articles.every((a) => a.language === 'de')).toBe(true);
  });

  it('drops duplicate items of one response, keeping the first', async () => {
    const item = (title: string) => `<item><title>${title}</title><guid>same-guid</guid></item>`;
    const out = expectOk(await poll({ body: `<rss version="2.0"><channel><title>x</title>${item('first')}${item('second')}</channel></rss>` }));
    expect(out.articles.map((a) => a.title)).toEqual(['first']);
  });

  it('passes a 304 through with its hints', async () => {
    const out = await poll({ status: 304, headers: { etag: '"v2"' } }, {}, { etag: '"v2"' });
    expect(out).toMatchObject({ kind: 'not-modified', status: 304, hints: { etag: '"v2"' } });
    expect(server?.requests[0]?.headers['if-none-match']).toBe('"v2"');
  });

  it('discovers WebSub hubs: the Link header first, else atom:link rel="hub" in the feed', async () => {
    const rss = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>x</title>
      <atom:link rel="hub" href="https://doc-hub.example/"/><atom:link rel="self" href="https://pub.example/feed"/>
      <item><title>T</title><link>https://pub.example/1</link></item></channel></rss>`;
    const fromDocument = expectOk(await poll({ body: rss }));
    expect(fromDocument.websub).toEqual({ hubs: ['https://doc-hub.example/'], topic: 'https://pub.example/feed' });
    await server?.close();
    const fromHeader = expectOk(await poll({ headers: { link: '<https://header-hub.example/>; rel="hub"' }, body: rss }));
    expect(fromHeader.websub).toEqual({ hubs: ['https://header-hub.example/'], topic: 'https://pub.example/feed' });
    await server?.close();
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title><link rel="hub" href="/hub"/><entry><id>1</id><title>T</title></entry></feed>`;
    const atomOut = expectOk(await poll({ body: atom }));
    expect(atomOut.websub).toEqual({ hubs: [server!.url('/hub')], topic: server!.url('/feed') });
  });

  it('does not parse a body identical to the last one, and parses a changed one', async () => {
    let body = readFeedFixture('rss2-utf8.xml');
    server = await startFeedServer({ '/feed': () => ({ headers: { 'content-type': 'application/rss+xml' }, body }) });
    const config: FeedConfig = { id: 'h', name: 'H', url: server.url('/feed'), intervalMinutes: 10 };
    const first = expectOk(await pollFeed(config, {}, OPTIONS, NOW));
    expect(first.hints.bodyHash).toMatch(/^[\w-]{22}$/);
    const same = await pollFeed(config, { bodyHash: first.hints.bodyHash }, OPTIONS, NOW);
    expect(same).toMatchObject({ kind: 'not-modified', status: 200, reason: 'same-body', hints: { bodyHash: first.hints.bodyHash } });
    body = Buffer.concat([body, Buffer.from('\n')]);
    const changed = expectOk(await pollFeed(config, { bodyHash: first.hints.bodyHash }, OPTIONS, NOW));
    expect(changed.hints.bodyHash).not.toBe(first.hints.bodyHash);
  });

  it.each([
    ['an HTML page', 'html-page.html', 'not-a-feed'],
    ['broken XML', 'broken.xml', 'malformed-xml'],
  ])('fails on %s with a parse error', async (_name, file, kind) => {
    const out = await poll({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: readFeedFixture(file) });
    expect(out).toMatchObject({ kind: 'failed', error: { kind, message: expect.stringMatching(/^parse: /) } });
  });

  it('passes fetch failures through', async () => {
    const out = await poll({ status: 503, headers: { 'retry-after': '60' } });
    expect(out).toMatchObject({ kind: 'failed', error: { kind: 'http-status', status: 503, retryAfterMs: 60_000 } });
  });
});
