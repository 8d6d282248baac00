import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchOptions } from '../../src/ingest/feed-outcome.js';
import { classifyFetchError, fetchFeed, parseRetryAfter, type RawFetchOutcome } from '../../src/ingest/fetch-feed.js';
import { startFeedServer, type FeedRoute, type FeedServer, type RouteHandler } from '../fakes/feed-server.js';
import { readFeedFixture } from './feed-fixtures.js';
import { LOOPBACK_ALLOWED } from '../builders/config.js';

const OPTIONS: FetchOptions = {
  userAgent: 'peacewatch-test/1.0 (+https://example.org/bot)',
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxBodyBytes: 64 * 1024,
  maxRedirects: 3,
  allowPrivateNetworks: LOOPBACK_ALLOWED,
};
const NOW = Date.parse('2025-12-02T12:00:00Z');
const RSS = readFeedFixture('rss2-utf8.xml');

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: Record<string, RouteHandler>): Promise<FeedServer> {
  server = await startFeedServer(routes);
  return server;
}

function expectOk(outcome: RawFetchOutcome): Extract<RawFetchOutcome, { kind: 'ok' }> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function expectFailed(outcome: RawFetchOutcome, kind: string) {
  if (outcome.kind !== 'failed') throw new Error(`expected failed, got ${outcome.kind}`);
  expect(outcome.error.kind).toBe(kind);
  expect(outcome.error.message).toMatch(/^fetch: /);
  return outcome.error;
}

describe('fetchFeed against a loopback server', () => {
  it('fetches a feed, sends a polite User-Agent and reads the caching hints', async () => {
    const s = await serve({
      '/rss': {
        headers: {
          'content-type': 'application/rss+xml; charset=utf-8',
          etag: '"v1"',
          'last-modified': 'Tue, 02 Dec 2025 09:30:00 GMT',
          'cache-control': 'public, max-age=300',
        },
        body: RSS,
      },
    });
    const out = expectOk(await fetchFeed(s.url('/rss'), {}, OPTIONS, NOW));
    expect(Buffer.from(out.body).equals(RSS)).toBe(true);
    expect(out).toMatchObject({ status: 200, finalUrl: s.url('/rss'), contentType: 'application/rss+xml; charset=utf-8' });
    expect(out.hints).toEqual({ etag: '"v1"', lastModified: 'Tue, 02 Dec 2025 09:30:00 GMT', maxAgeMs: 300_000 });
    const req = s.requestsTo('/rss')[0];
    expect(req?.headers['user-agent']).toBe(OPTIONS.userAgent);
    expect(req?.headers['accept-encoding']).toContain('gzip');
    expect(req?.headers['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match and If-Modified-Since and reads a 304 as not-modified', async () => {
    const s = await serve({
      '/rss': (req): FeedRoute =>
        req.headers['if-none-match'] === '"v1"'
          ? { status: 304, headers: { etag: '"v1"', 'cache-control': 'max-age=60' } }
          : { headers: { etag: '"v1"' }, body: RSS },
    });
    const first = expectOk(await fetchFeed(s.url('/rss'), {}, OPTIONS, NOW));
    const second = await fetchFeed(s.url('/rss'), { etag: first.hints.etag, lastModified: 'Tue, 02 Dec 2025 09:30:00 GMT' }, OPTIONS, NOW);
    expect(second).toEqual({ kind: 'not-modified', status: 304, finalUrl: s.url('/rss'), hints: { etag: '"v1"', maxAgeMs: 60_000 } });
    const [req1, req2] = s.requestsTo('/rss');
    expect(req1?.headers['if-none-match']).toBeUndefined();
    expect(req2?.headers['if-none-match']).toBe('"v1"');
    expect(req2?.headers['if-modified-since']).toBe('Tue, 02 Dec 2025 09:30:00 GMT');
  });

  it('decompresses a gzip body', async () => {
    const s = await serve({ '/rss': { gzip: true, body: RSS } });
    const out = expectOk(await fetchFeed(s.url('/rss'), {}, OPTIONS, NOW));
    expect(Buffer.from(out.body).toString('utf8')).toBe(RSS.toString('utf8'));
  });

  it('follows redirects and reports the final URL', async () => {
    const s = await serve({ '/old': { status: 301, redirectTo: '/moved' }, '/moved': { redirectTo: '/rss' }, '/rss': { body: RSS } });
    const out = expectOk(await fetchFeed(s.url('/old'), {}, OPTIONS, NOW));
    expect(out.finalUrl).toBe(s.url('/rss'));
    expect(s.requests.map((r) => r.path)).toEqual(['/old', '/moved', '/rss']);
  });

  it('stops a redirect loop', async () => {
    const s = await serve({ '/a': { redirectTo: '/b' }, '/b': { redirectTo: '/a' } });
    const err = expectFailed(await fetchFeed(s.url('/a'), {}, OPTIONS, NOW), 'too-many-redirects');
    expect(err.message).toContain('loop');
    expect(s.requests).toHaveLength(2);
  });

  it('stops after maxRedirects', async () => {
    const routes: Record<string, RouteHandler> = {};
    for (let i = 0; i < 10; i++) routes[`/r${i}`] = { redirectTo: `/r${i + 1}` };
    const s = await serve(routes);
    expectFailed(await fetchFeed(s.url('/r0'), {}, OPTIONS, NOW), 'too-many-redirects');
    expect(s.requests).toHaveLength(OPTIONS.maxRedirects + 1);
  });

  it('refuses a redirect to a non-http URL', async () => {
    const s = await serve({ '/a': { redirectTo: 'ftp://example.com/feed' } });
    expectFailed(await fetchFeed(s.url('/a'), {}, OPTIONS, NOW), 'bad-url');
  });

  it('gives up on a slow body at the total timeout', async () => {
    const s = await serve({ '/slow': { slowBody: { chunk: '<rss>', intervalMs: 50, count: Number.POSITIVE_INFINITY } } });
    const err = expectFailed(await fetchFeed(s.url('/slow'), {}, { ...OPTIONS, totalTimeoutMs: 300 }, NOW), 'timeout');
    expect(err.message).toBe('fetch: timed out after 300 ms');
  });

  it('gives up on slow headers at the total timeout', async () => {
    const s = await serve({ '/slow': { delayMs: 10_000, body: RSS } });
    expectFailed(await fetchFeed(s.url('/slow'), {}, { ...OPTIONS, totalTimeoutMs: 200 }, NOW), 'timeout');
  });

  it('classifies a refused connection', async () => {
    // Take a free port, then close it, so nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = expectFailed(await fetchFeed(`http://127.0.0.1:${port}/rss`, {}, OPTIONS, NOW), 'connection');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('rejects a body whose Content-Length is over the cap without reading it', async () => {
    const s = await serve({ '/big': { body: Buffer.alloc(OPTIONS.maxBodyBytes + 1, 0x20) } });
    const err = expectFailed(await fetchFeed(s.url('/big'), {}, OPTIONS, NOW), 'too-large');
    expect(err.message).toContain(String(OPTIONS.maxBodyBytes));
  });

  it('stops reading a chunked body without length once it passes the cap', async () => {
    const s = await serve({ '/endless': { slowBody: { chunk: Buffer.alloc(16 * 1024, 0x20), intervalMs: 1, count: Number.POSITIVE_INFINITY } } });
    expectFailed(await fetchFeed(s.url('/endless'), {}, OPTIONS, NOW), 'too-large');
  });

  it('caps the decompressed size of a gzip body (a small gzip bomb)', async () => {
    const s = await serve({ '/bomb': { gzip: true, body: Buffer.alloc(OPTIONS.maxBodyBytes * 8, 0x20) } });
    expectFailed(await fetchFeed(s.url('/bomb'), {}, OPTIONS, NOW), 'too-large');
  });

  it('accepts a body exactly at the cap', async () => {
    const s = await serve({ '/edge': { chunked: true, body: Buffer.alloc(OPTIONS.maxBodyBytes, 0x20) } });
    expect(expectOk(await fetchFeed(s.url('/edge'), {}, OPTIONS, NOW)).body.byteLength).toBe(OPTIONS.maxBodyBytes);
  });

  it('reads Retry-After seconds from a 429', async () => {
    const s = await serve({ '/rss': { status: 429, headers: { 'retry-after': '120' }, body: 'slow down' } });
    const err = expectFailed(await fetchFeed(s.url('/rss'), {}, OPTIONS, NOW), 'http-status');
    expect(err).toMatchObject({ status: 429, retryAfterMs: 120_000, message: 'fetch: HTTP 429 Too Many Requests' });
  });

  it('reads a Retry-After date from a 503 against the server clock', async () => {
    const s = await serve({
      '/rss': {
        status: 503,
        headers: { date: 'Tue, 02 Dec 2025 12:00:00 GMT', 'retry-after': 'Tue, 02 Dec 2025 12:05:00 GMT' },
      },
    });
    const err = expectFailed(await fetchFeed(s.url('/rss'), {}, OPTIONS, NOW), 'http-status');
    expect(err).toMatchObject({ status: 503, retryAfterMs: 300_000 });
  });

  it.each([404, 410, 500])('reports HTTP %i as http-status', async (status) => {
    const s = await serve({ '/rss': { status, body: 'nope' } });
    expect(expectFailed(await fetchFeed(s.url('/rss'), {}, OPTIONS, NOW), 'http-status')).toMatchObject({ status });
  });

  it.each([['not a url'], ['ftp://example.com/feed'], ['file:///etc/passwd'], ['']])('refuses %j as bad-url', async (url) => {
    expectFailed(await fetchFeed(url, {}, OPTIONS, NOW), 'bad-url');
  });
});

describe('classifyFetchError', () => {
  const undiciError = (code: string, message = `${code} happened`): Error =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ECONNREFUSED', 'connection'],
    ['ECONNRESET', 'connection'],
    ['UND_ERR_SOCKET', 'connection'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
  ])('sorts %s into %s', (code, kind) => {
    const err = undiciError(code);
    const classified = classifyFetchError(err);
    expect(classified.kind).toBe(kind);
    expect(classified.message).toMatch(/^fetch: /);
    expect(classified.message).toContain(code);
    expect(classified.cause).toBe(err);
  });

  it('finds the code inside an AggregateError (happy eyeballs)', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' });
    const err = new TypeError('fetch failed', { cause: new AggregateError([inner]) });
    expect(classifyFetchError(err).kind).toBe('connection');
  });

  it('reads an abort signal timeout as timeout', () => {
    expect(classifyFetchError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 1_000)).toMatchObject({
      kind: 'timeout',
      message: 'fetch: timed out after 1000 ms',
    });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['seconds', '30', null, 30_000],
    ['a date against the server Date', 'Tue, 02 Dec 2025 12:01:00 GMT', 'Tue, 02 Dec 2025 12:00:30 GMT', 30_000],
    ['a date against now without a server Date', 'Tue, 02 Dec 2025 12:02:00 GMT', null, 120_000],
    ['a date in the past as zero', 'Tue, 02 Dec 2025 11:00:00 GMT', null, 0],
    ['garbage as undefined', 'soon', null, undefined],
  ])('reads %s', (_name, value, serverDate, expected) => {
    expect(parseRetryAfter(value, serverDate, NOW)).toBe(expected);
  });
});
