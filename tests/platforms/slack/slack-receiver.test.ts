// The Slack HTTP receiver under forged and oversized requests: bounded before Bolt reads a byte.
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/platforms/slack/slack-adapter.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { captureLog } from './log-capture.js';

const TOKEN = 'xoxb-secret-bot-token';
const SECRET = 'signing-secret-0123';
const MB = 1024 * 1024;

let fake: FakeSlackApi;
let adapter: SlackAdapter;
let logs: ReturnType<typeof captureLog>;

beforeEach(async () => {
  fake = await startFakeSlackApi({ token: TOKEN, users: [] });
  logs = captureLog();
  adapter = createSlackAdapter({ botToken: TOKEN, signingSecret: SECRET, apiUrl: fake.url, port: 0, managers: [], onCommand: async () => ({ text: 'ok', isError: false }), log: logs.log });
  await adapter.start();
});
afterEach(async () => {
  await adapter.stop();
  await fake.close();
});

/** `total` bytes streamed from one reused chunk: the test itself never holds the body. */
function streamedBody(total: number, onChunk: () => void): Readable {
  const chunk = Buffer.alloc(MB, 'a');
  let sent = 0;
  return new Readable({
    read() {
      onChunk();
      if (sent >= total) return void this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** Sends an unsigned POST; resolves with the status, however the server ends the connection afterwards. */
function forge(opts: { bytes: number; contentLength: boolean; onChunk?: () => void }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: adapter.receiverPort,
      path: '/slack/events',
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(opts.contentLength ? { 'content-length': String(opts.bytes) } : { 'transfer-encoding': 'chunked' }),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    streamedBody(opts.bytes, opts.onChunk ?? (() => {})).pipe(req);
  });
}

describe('the Slack HTTP receiver', () => {
  it('answers a forged 100 MB body with 413 before reading it, and the process does not grow by 64 MB', async () => {
    const base = process.memoryUsage().rss;
    let peak = base;
    const status = await forge({ bytes: 100 * MB, contentLength: true, onChunk: () => (peak = Math.max(peak, process.memoryUsage().rss)) });
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(status).toBe(413);
    expect((peak - base) / MB).toBeLessThan(64);
  });

  it('answers a streamed body without a length with 411 (Slack always sends Content-Length)', async () => {
    expect(await forge({ bytes: 8 * MB, contentLength: false })).toBe(411);
  });

  it('writes at most a few warnings for a flood of oversized requests', async () => {
    for (let i = 0; i < 30; i++) expect(await forge({ bytes: 10 * MB, contentLength: true })).toBe(413);
    const warnings = logs.lines.filter((l) => String(l.msg).includes('too large'));
    expect(warnings.length).toBeLessThanOrEqual(5);
  });

  it("rate-limits Bolt's warning for unsigned requests: 30 forged requests, at most a few lines", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`http://127.0.0.1:${adapter.receiverPort}/slack/events`, { method: 'POST', body: 'token=x&text=help', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(401);
    }
    const warnings = logs.lines.filter((l) => l.level === 40);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThanOrEqual(5);
  });

  it('closes connections that trickle: the server has headers and request timeouts of seconds', () => {
    const server = adapter.receiverServer!;
    expect(server.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(server.requestTimeout).toBeLessThanOrEqual(15_000);
    expect(server.requestTimeout).toBeGreaterThan(0);
  });
});
