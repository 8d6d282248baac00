// Exit codes as the README documents them, and no stack trace for an expected failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED_YAML } from '../builders/config.js';
import { buildRss } from '../builders/rss.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { collectOutput, PROJECT_ROOT, runCli } from './run-cli.js';

let server: FeedServer;
let dir: string;
const config = (name: string, body: string) => {
  const file = path.join(dir, name);
  // The feeds are served on loopback, which the fetcher refuses unless allowed.
  writeFileSync(file, body + LOOPBACK_ALLOWED_YAML);
  return file;
};
// Enough output that `head -1` closes the pipe while the command is still writing (pipe buffers hold 64 KiB).
const MANY = Array.from({ length: 400 }, (_, i) => ({
  guid: `g${i}`,
  title: `Item ${i} about ceasefire talks`,
  description: 'Negotiators met again. '.repeat(20),
  link: `https://wire.example/${i}`,
  pubDate: new Date().toUTCString(),
}));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-exit-'));
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/config/topics'), path.join(dir, 'topics'), { recursive: true });
  server = await startFeedServer({
    '/many.xml': { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: buildRss('Wire', MANY) },
    '/gone.xml': { status: 404, body: 'gone' },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /u);

describe('exit codes', () => {
  it('--log-level loud is bad usage: exit 2, one line, no stack', async () => {
    const r = await runCli(['check', '--log-level', 'loud']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    noStack(r.stderr);
  });

  it('check exits 2 for a Slack subscription without SLACK_BOT_TOKEN, naming the key and line', async () => {
    const file = config('slack.yaml', `feeds:\n  - name: W\n    url: ${server.url('/many.xml')}\nstore:\n  url: sqlite://state/pw.sqlite\nsubscriptions:\n  - channel: slack:C0123\n    topic: ukraine-peace-talks\n`);
    const r = await runCli(['check', '--config', file], { cwd: dir, env: { SLACK_BOT_TOKEN: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('slack.yaml: subscriptions[0].channel: expected SLACK_BOT_TOKEN in the environment for a slack channel, it is not set (line 7)');
    noStack(r.stderr);
  });

  it('once exits 1 when every feed failed, so cron can alert on it', async () => {
    const file = config('down.yaml', `feeds:\n  - name: Gone\n    url: ${server.url('/gone.xml')}\nstore:\n  url: sqlite://state/down.sqlite\n`);
    const r = await runCli(['once', '--config', file], { cwd: dir });
    expect(r.stdout).toMatch(/1 failed/u);
    expect(r.code).toBe(1);
    noStack(r.stderr);
  });

  it('once exits 0 when a feed worked', async () => {
    const file = config('up.yaml', `feeds:\n  - name: Many\n    url: ${server.url('/many.xml')}\n  - name: Gone\n    url: ${server.url('/gone.xml')}\nstore:\n  url: sqlite://state/up.sqlite\n`);
    const r = await runCli(['once', '--config', file], { cwd: dir });
    expect(r.code).toBe(0);
  });

  it('fetch --json | head -1 ends quietly (EPIPE is the reader leaving, not an error)', async () => {
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const cli = path.join(PROJECT_ROOT, 'src', 'cli.ts');
    const file = config('fetch.yaml', `feeds:\n  - name: Many\n    url: ${server.url('/many.xml')}\n`);
    const r = await collectOutput(
      spawn('bash', ['-c', `set -o pipefail; "${tsx}" "${cli}" fetch "${server.url('/many.xml')}" --json --config "${file}" | head -1`], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', PEACEWATCH_CONFIG: '' },
      })
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    // stderr keeps only the fetch's own summary line: no EPIPE, no stack.
    expect(r.stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/many\.xml\n→ 200 OK[^\n]*\n$/u);
    expect(r.code).toBe(0);
  });
});
