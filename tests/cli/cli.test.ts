import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRss } from '../builders/rss.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { PROJECT_ROOT, runCli } from './run-cli.js';
import { LOOPBACK_ALLOWED_YAML } from '../builders/config.js';

let server: FeedServer;
let dir: string;
const now = new Date().toUTCString();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-cli-'));
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/config/topics'), path.join(dir, 'topics'), { recursive: true });
  server = await startFeedServer({
    '/talks.xml': {
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      body: buildRss('Wire', [
        { guid: 'a', title: 'Umerov and Witkoff discuss a ceasefire in Geneva', description: 'Ukraine <b>delegation</b> &amp; US envoys.', link: 'https://wire.example/a?utm_medium=rss', pubDate: now },
        { guid: 'b', title: 'Markets close higher', description: 'Stocks rallied.', link: 'https://wire.example/b', pubDate: now },
      ]),
    },
    '/cp1251.xml': {
      headers: { 'content-type': 'application/rss+xml' },
      body: readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/feeds/rss-windows-1251.xml')),
    },
  });
  writeFileSync(
    path.join(dir, 'config.yaml'),
    `feeds:\n  - name: Wire\n    url: ${server.url('/talks.xml')}\n    language: en\nstore:\n  url: sqlite://state/pw.sqlite\n${LOOPBACK_ALLOWED_YAML}subscriptions:\n  - channel: console:stdout\n    topic: ukraine-peace-talks\n`,
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('peacewatch CLI', () => {
  it('check: validates a good config and exits 0', async () => {
    const r = await runCli(['check', '--config', path.join(dir, 'config.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/config\.yaml: ok/);
    expect(r.stdout).toMatch(/feeds: 1 \(en\)/);
  });

  it('check: names the file, the key path and the expectation, and exits non-zero', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'feeds:\n  - name: X\n    url: ftp://nope\nsubscriptions: []\n');
    const r = await runCli(['check', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml: feeds\[0\]\.url: expected an http\(s\) URL/);
  });

  it('fetch --json: one JSON line per article and nothing else on stdout', async () => {
    const r = await runCli(['fetch', server.url('/talks.xml'), '--json', '--config', path.join(dir, 'config.yaml')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).sort()).toEqual(['body', 'id', 'language', 'published', 'summary', 'title', 'url']);
    expect(lines[0]).toMatchObject({ url: 'https://wire.example/a', summary: 'Ukraine delegation & US envoys.' });
    expect(r.stderr).toMatch(/200/);
  });

  it('fetch: shows the detected charset and correct Cyrillic of a windows-1251 feed', async () => {
    const r = await runCli(['fetch', server.url('/cp1251.xml'), '--config', path.join(dir, 'config.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/windows-1251/);
    expect(r.stdout).toMatch(/[А-Яа-яЁё]{4,}/u);
    expect(r.stdout).not.toMatch(/[ÐÑ][\u0080-\u00ff]/u);
  });

  it('fetch: a failing feed gives one classified error and exit 1', async () => {
    const r = await runCli(['fetch', server.url('/missing.xml'), '--config', path.join(dir, 'config.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/404/);
  });

  it('once: one cycle, alerts on stdout, a tally, and nothing again on the next run', async () => {
    const first = await runCli(['once', '--config', path.join(dir, 'config.yaml')], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Umerov and Witkoff discuss a ceasefire in Geneva');
    expect(first.stdout).not.toContain('Markets close higher');
    expect(first.stdout).toMatch(/tally: feeds 1\/1 .* matched 1 · alerted 1 · delivered 1/);
    const second = await runCli(['once', '--config', path.join(dir, 'config.yaml')], { cwd: dir });
    expect(second.stdout).toMatch(/alerted 0/);
    expect(second.stdout).not.toContain('Umerov and Witkoff');
    // The alert posted on the console: its publication-to-post latency, from the store.
    const latency = await runCli(['latency', '--json', '--config', path.join(dir, 'config.yaml')], { cwd: dir });
    expect(latency.code).toBe(0);
    const report = JSON.parse(latency.stdout) as { overall: { count: number; medianMs: number }; perFeed: Array<{ name: string; count: number }> };
    expect(report.overall.count).toBe(1);
    expect(report.overall.medianMs).toBeGreaterThanOrEqual(0);
    expect(report.perFeed).toMatchObject([{ name: 'Wire', count: 1 }]);
    // Three CLI processes, each starting tsx: on a loaded two-core machine that alone nears 30 s.
  }, 90_000);

  it('start: polls on schedule and stops cleanly on SIGTERM', async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'pw-start-'));
    try {
      const r = await runCli(['start', '--config', path.join(dir, 'config.yaml')], {
        cwd: fresh,
        env: { LOG_LEVEL: 'info' },
        onStdout: (text, child) => {
          if (text.includes('Umerov and Witkoff')) child.kill('SIGTERM');
        },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Umerov and Witkoff discuss a ceasefire in Geneva');
      expect(r.stderr).toMatch(/stopped/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('rejects an unknown command with usage help', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
