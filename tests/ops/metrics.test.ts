// A demo-like cycle (the bundled sample feeds on loopback, the real fetcher, store and pipeline)
// with metrics on, scraped over HTTP from the ops listener: every counter matches the tally.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../src/cli/demo-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startDemoFeedServer, type DemoFeedFile } from '../../src/demo/demo-feed-server.js';
import { silentLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/main.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { startOpsListener } from '../../src/ops/ops-listener.js';
import type { OpsServer } from '../../src/ops/ops-server.js';
import type { CycleReport } from '../../src/pipeline/run-cycle.js';
import { sampleValue } from './scrape.js';

let cwd: string;
let feeds: { origin: string; close(): Promise<void> };
let app: App;
let ops: OpsServer;
let first: CycleReport;
let second: CycleReport;
let afterFirst: string;
let afterSecond: string;

const scrape = async (p: string) => fetch(`http://127.0.0.1:${ops.port}${p}`);
const metricsText = async () => (await scrape('/metrics')).text();

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'pw-metrics-'));
  const files = JSON.parse(readFileSync(path.join(DEMO_DIR, 'feeds.json'), 'utf8')) as DemoFeedFile[];
  feeds = await startDemoFeedServer(path.join(DEMO_DIR, 'feeds'), files);
  const config = await loadConfig(path.join(DEMO_DIR, 'demo.yaml'), { cwd });
  for (const feed of config.feeds) feed.url = feed.url.replace('http://127.0.0.1:0', feeds.origin);
  // One feed that fails, so a failure kind is counted too.
  config.feeds.push({ id: 'missing', name: 'Missing (demo)', url: `${feeds.origin}/feeds/missing.xml`, intervalMinutes: 1 });
  const metrics = createMetrics();
  const out = new Writable({ write: (_c, _e, cb) => cb() });
  app = await createApp({ config, secrets: {}, log: silentLogger(), out, color: false, cwd, metrics });
  ops = await startOpsListener({
    settings: { host: '127.0.0.1', port: 0 },
    metrics,
    stores: app.stores,
    adapters: app.adapters,
    tick: config.polling.tick,
    lastCycleAt: app.lastCycleAt,
    now: Date.now,
    log: silentLogger(),
  });
  first = await app.runCycle({ onlyDue: false });
  afterFirst = await metricsText();
  second = await app.runCycle({ onlyDue: false });
  afterSecond = await metricsText();
}, 60_000);

afterAll(async () => {
  await ops?.close();
  await app?.close();
  await feeds?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('/metrics after a demo-like cycle', () => {
  it('the cycle itself alerted something (else the counters below prove little)', () => {
    expect(first.alerted).toBeGreaterThan(0);
    expect(first.failed).toHaveLength(1);
  });

  it('counts fetches by outcome as the tally does', () => {
    expect(sampleValue(afterFirst, 'peacewatch_feed_fetches_total', { outcome: 'ok' })).toBe(first.ok);
    expect(sampleValue(afterFirst, 'peacewatch_feed_fetches_total', { outcome: 'http-status' })).toBe(1);
    expect(sampleValue(afterFirst, 'peacewatch_feed_fetch_duration_seconds_count')).toBe(first.polled);
  });

  it.each([
    ['peacewatch_articles_seen_total', 'articles'],
    ['peacewatch_articles_new_total', 'fresh'],
    ['peacewatch_articles_matched_total', 'matched'],
    ['peacewatch_articles_alerted_total', 'alerted'],
  ] as const)('%s equals the tally\'s %s', (metric, field) => {
    expect(sampleValue(afterFirst, metric)).toBe(first[field]);
    // The second cycle reads the same articles again: seen grows, the rest add what it counted (nothing new).
    expect(sampleValue(afterSecond, metric)).toBe(first[field] + second[field]);
  });

  it('times the classification of every new article that was not skipped as old', () => {
    expect(sampleValue(afterFirst, 'peacewatch_classify_duration_seconds_count')).toBe(first.fresh - first.skippedOld);
  });

  it('counts deliveries by platform and outcome, and the outbox is empty', () => {
    const sent = (request: string) => sampleValue(afterFirst, 'peacewatch_deliveries_total', { platform: 'console', request, outcome: 'sent' }) ?? 0;
    // Each delivered alert is one post or one reply; the edits ride along with the replies.
    expect(sent('post') + sent('reply')).toBe(first.delivery.sent);
    expect(sent('edit')).toBe(sent('reply'));
    expect(sampleValue(afterFirst, 'peacewatch_outbox_pending')).toBe(0);
    expect(sampleValue(afterFirst, 'peacewatch_outbox_oldest_pending_age_seconds')).toBe(0);
  });

  it('shows feeds by health state', () => {
    expect(sampleValue(afterFirst, 'peacewatch_feeds', { health: 'ok' })).toBe(first.ok);
    expect(sampleValue(afterFirst, 'peacewatch_feeds', { health: 'failing' })).toBe(1);
    expect(sampleValue(afterFirst, 'peacewatch_feeds', { health: 'new' })).toBe(0);
  });

  it('records each cycle and the process metrics', () => {
    expect(sampleValue(afterFirst, 'peacewatch_cycle_duration_seconds_count')).toBe(1);
    expect(sampleValue(afterSecond, 'peacewatch_cycle_duration_seconds_count')).toBe(2);
    expect(sampleValue(afterSecond, 'peacewatch_last_cycle_timestamp_seconds')).toBeCloseTo(app.lastCycleAt()! / 1000, 3);
    expect(sampleValue(afterFirst, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('answers /healthz and /readyz (store answers, a cycle just completed, no chat connection to keep)', async () => {
    const health = await scrape('/healthz');
    expect(health.status).toBe(200);
    const ready = await scrape('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', ready: true, notReady: [] });
  });

  it('answers 404 elsewhere and 405 to a POST', async () => {
    expect((await scrape('/nope')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${ops.port}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
