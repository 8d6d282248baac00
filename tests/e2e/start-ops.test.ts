// `peacewatch start` as a real process: its ops listener answers /healthz, /readyz and /metrics
// while it runs, and the metrics count what the first cycle did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedServer } from '../fakes/feed-server.js';
import { sampleValue } from '../ops/scrape.js';
import { spawnCli, type CliProcess } from './cli-process.js';
import { startWireFeed, WIRE_PATH } from './wire-feed.js';
import { createWorkDir, type WorkDir } from './work-dir.js';

let feeds: FeedServer;
let work: WorkDir;
let app: CliProcess;
let base: string;

beforeAll(async () => {
  feeds = await startWireFeed('Umerov and Kushner agree on security guarantees in Berlin talks');
  work = createWorkDir({ prefix: 'pw-e2e-ops-', feedUrl: feeds.url(WIRE_PATH), subscriptions: ['console:stdout'] });
  app = spawnCli(['start', '--config', work.configPath], { cwd: work.dir, env: { LOG_LEVEL: 'info' } });
  const listening = await app.waitForLog((l) => l.msg === 'ops: listening', 25_000);
  expect(listening.host).toBe('127.0.0.1');
  base = `http://127.0.0.1:${String(listening.port)}`;
  await app.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('cycle: '), 25_000);
}, 60_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await feeds?.close();
  work?.remove();
});

describe('peacewatch start: the ops listener (real process)', () => {
  it('/healthz answers while the process lives', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is ready once a cycle has completed', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(await res.json()).toEqual({ status: 'ready', ready: true, notReady: [] });
    expect(res.status).toBe(200);
  });

  it('/metrics counts the first cycle in Prometheus text format', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(sampleValue(text, 'peacewatch_feed_fetches_total', { outcome: 'ok' })).toBe(1);
    expect(sampleValue(text, 'peacewatch_articles_seen_total')).toBe(3);
    expect(sampleValue(text, 'peacewatch_articles_alerted_total')).toBe(2);
    expect(sampleValue(text, 'peacewatch_feeds', { health: 'ok' })).toBe(1);
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('stops cleanly on SIGTERM, closing the listener', async () => {
    const { code } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
