import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceLabel } from '../../src/domain/source-label.js';
import { silentLogger } from '../../src/logger.js';
import { createApp } from '../../src/main.js';
import { pollFeed } from '../../src/ingest/poll-feed.js';
import { createStoryPlacer } from '../../src/pipeline/place-in-story.js';
import { runCycle } from '../../src/pipeline/run-cycle.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';
import { createTestConfig, feedAt } from '../builders/config.js';
import { buildRss } from '../builders/rss.js';
import { startFeedServer, type FeedRoute, type FeedServer } from '../fakes/feed-server.js';
import { createStoreLocation, storeFixture } from '../builders/stores.js';

const NOW = Date.parse('2025-12-13T12:00:00Z');
const recent = 'Sat, 13 Dec 2025 09:00:00 +0000';

function captureStream() {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

const talks = buildRss('Good News', [
  { guid: 'g1', title: 'Witkoff and Dmitriev meet in Miami', description: 'Envoys discuss a ceasefire.', link: 'https://news.example/a?utm_source=rss', pubDate: recent },
  { guid: 'g2', title: 'Umerov arrives for talks', description: 'Ukraine delegation lands in Miami.', link: 'https://news.example/b', pubDate: recent },
  { guid: 'g3', title: 'Gaza truce holds', description: 'Hamas and Israel exchange hostages.', link: 'https://news.example/c', pubDate: recent },
]);

let server: FeedServer;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-cycle-'));
  server = await startFeedServer({
    '/good.xml': (req): FeedRoute =>
      req.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"' } }
        : { headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }, body: talks },
    '/slow.xml': { delayMs: 5_000, body: talks },
    '/no-validators.xml': { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: talks },
    '/broken.xml': { headers: { 'content-type': 'application/rss+xml' }, body: '<rss><channel><item><title>oops</channel>' },
    '/page.html': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><body>Not a feed</body></html>' },
  });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runOnce(
  feedPaths: string[],
  opts: { storeFile?: string; storeUrl?: string; now?: number; firstFetchWindowHours?: number; label?: SourceLabel } = {},
) {
  const capture = captureStream();
  const config = createTestConfig(
    feedPaths.map((p) => ({ ...feedAt(p.replace(/\W/g, ''), server.url(p)), ...(opts.label ? { label: opts.label } : {}) })),
    { store: { url: opts.storeUrl ?? `sqlite://${path.join(dir, opts.storeFile ?? 'state.sqlite')}` } },
  );
  if (opts.firstFetchWindowHours !== undefined) config.polling.firstFetchWindowHours = opts.firstFetchWindowHours;
  const app = await createApp({ config, secrets: {}, log: silentLogger(), out: capture.out, color: false, now: () => opts.now ?? NOW });
  try {
    const report = await app.runCycle({ onlyDue: false });
    return { report, output: capture.text() };
  } finally {
    await app.close();
  }
}

describe('one cycle through the real fetcher, store and pipeline', () => {
  it('alerts relevant items, skips decoys, and classifies each bad feed while the others finish', async () => {
    const { report, output } = await runOnce(['/good.xml', '/slow.xml', '/broken.xml', '/page.html']);
    expect(report.ok).toBe(1);
    expect(report.matched).toBe(2);
    expect(report.alerted).toBe(2);
    expect(report.delivery.sent).toBe(2);
    expect(Object.fromEntries(report.failed.map((f) => [f.feedId, f.kind]))).toEqual({
      slowxml: 'timeout',
      brokenxml: 'malformed-xml',
      pagehtml: 'not-a-feed',
    });
    expect(output).toContain('Witkoff and Dmitriev meet in Miami');
    expect(output).toContain('https://news.example/a');
    expect(output).not.toContain('utm_source');
    expect(output).not.toContain('Gaza truce holds');
  });

  it("prints each alert with its feed's source label", async () => {
    const { output } = await runOnce(['/good.xml'], { label: { type: 'wire', country: 'gb', reason: 'not shown' } });
    expect(output).toContain('goodxml · wire · gb · en');
    expect(output).not.toContain('not shown');
  });

  it('alerts nothing twice after a restart, and sends the stored ETag', async () => {
    const first = await runOnce(['/good.xml']);
    expect(first.report.alerted).toBe(2);
    const second = await runOnce(['/good.xml']);
    expect(second.report.alerted).toBe(0);
    expect(second.report.notModified).toBe(1);
    expect(server.requestsTo('/good.xml').at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('skips parsing when a feed without validators sends the same body again (body hash in feed state)', async () => {
    const first = await runOnce(['/no-validators.xml']);
    expect(first.report).toMatchObject({ ok: 1, alerted: 2 });
    const second = await runOnce(['/no-validators.xml']);
    expect(second.report).toMatchObject({ ok: 0, notModified: 1, articles: 0, alerted: 0 });
  });

  it('works the same on PostgreSQL: store.url is the only change', async () => {
    const database = await createStoreLocation('postgres');
    try {
      const first = await runOnce(['/good.xml'], { storeUrl: database.url });
      expect(first.report.alerted).toBe(2);
      const second = await runOnce(['/good.xml'], { storeUrl: database.url });
      expect(second.report.alerted).toBe(0);
      expect(second.report.notModified).toBe(1);
    } finally {
      await database.drop();
    }
  });

  it('records old items of a newly added feed as seen without alerting them', async () => {
    const dayLater = NOW + 2 * 24 * 3_600_000;
    const { report, output } = await runOnce(['/good.xml'], { now: dayLater });
    expect(report.fresh).toBe(3);
    expect(report.skippedOld).toBe(3);
    expect(report.alerted).toBe(0);
    expect(output).toBe('');
  });
});

describe('delivery rounds inside a cycle', () => {
  it('keeps delivering after one round failed: a rejected round does not stop the later ones', async () => {
    const config = createTestConfig([feedAt('good', server.url('/good.xml'))]);
    const fixture = storeFixture();
    const stores = await fixture.open();
    await stores.subscriptions.seed([{ channel: { platform: 'console', id: 'stdout' }, target: { kind: 'topic', topicId: 'ukraine-peace-talks' }, createdAt: NOW }]);
    let rounds = 0;
    try {
      const report = await runCycle(
        {
          feeds: config.feeds,
          stores,
          assess: { matcher: createTopicMatcher(config.topics), topics: config.topics, summaryMaxChars: 300 },
          stories: createStoryPlacer({ stories: stores.stories, topics: config.topics }),
          // The first round fails (a store hiccup, a bug); the final round must still run.
          deliver: async () => {
            rounds++;
            if (rounds === 1) throw new Error('store hiccup');
            return { sent: 2, retrying: 0, undeliverable: 0 };
          },
          poll: (feed, conditional, at) => pollFeed(feed, conditional, config.fetch, at),
          now: () => NOW,
          log: silentLogger(),
          settings: { concurrency: 2, firstFetchWindowMs: 86_400_000, maxDelayMs: 3_600_000 },
        },
        { onlyDue: false },
      );
      expect(report.alerted).toBe(2);
      expect(rounds).toBe(2);
      expect(report.delivery.sent).toBe(2);
    } finally {
      await fixture.cleanup();
    }
  });
});
