import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyWebhookFailure, createSlackWebhookAdapter } from '../../../src/platforms/slack/slack-webhook-adapter.js';
import type { ChatAdapter } from '../../../src/platforms/chat-adapter.js';
import { createAlert, createArticle } from '../../builders/article.js';
import { captureLog } from './log-capture.js';

/** A loopback stand-in for hooks.slack.com: records bodies, answers what the test sets. */
let server: Server;
let base: string;
let received: Array<{ path: string; body: Record<string, unknown> }>;
let answer: { status: number; body: string; headers?: Record<string, string> };
let logs: ReturnType<typeof captureLog>;
let adapter: ChatAdapter;

beforeEach(async () => {
  received = [];
  answer = { status: 200, body: 'ok' };
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logs = captureLog();
  adapter = createSlackWebhookAdapter({ webhooks: { newsroom: `${base}/services/T/B/secret-hook` }, log: logs.log });
  await adapter.start();
});
afterEach(async () => {
  await adapter.stop();
  await new Promise((resolve) => server.close(resolve));
  for (const line of logs.raw) expect(line).not.toContain('secret-hook');
});

const alert = createAlert({ article: createArticle({ title: 'Talks <!channel> @here' }) });

describe('slack webhook adapter', () => {
  it('posts the Block Kit alert, escaped, to the named webhook', async () => {
    const outcome = await adapter.postAlert('newsroom', alert, { idempotencyKey: 'k-1' });
    expect(outcome).toEqual({ ok: true, ref: { platform: 'slack-webhook', channelId: 'newsroom', messageId: 'k-1' } });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/services/T/B/secret-hook');
    expect(received[0]?.body).toMatchObject({ text: 'Talks &lt;!channel&gt; @\u200bhere (Example News)', unfurl_links: false });
    expect(JSON.stringify(received[0]?.body.blocks)).not.toContain('<!channel>');
    expect(adapter.platform).toBe('slack-webhook');
  });

  it('posts a later report as its own message and treats an edit as done', async () => {
    const ref = { platform: 'slack-webhook', channelId: 'newsroom', messageId: 'k-1' };
    expect(await adapter.updateAlert(ref, alert, { idempotencyKey: 'k-2' })).toEqual({ ok: true, ref });
    expect(received).toHaveLength(0);
    await adapter.replyToAlert(ref, createAlert({ article: createArticle({ source: 'Le Monde' }) }), { idempotencyKey: 'k-3' });
    expect(received[0]?.body.text).toMatch(/^Also reported by Le Monde: /u);
  });

  it('calls an unknown webhook name gone without any request', async () => {
    expect(await adapter.postAlert('elsewhere', alert, { idempotencyKey: 'k' })).toMatchObject({ ok: false, reason: 'gone' });
    expect(received).toHaveLength(0);
  });

  it.each([
    [429, 'rate_limited', { 'retry-after': '3' }, { reason: 'rate-limited', retryAfterMs: 3_000 }],
    [404, 'no_service', {}, { reason: 'gone' }],
    [410, 'channel_is_archived', {}, { reason: 'gone' }],
    [403, 'action_prohibited', {}, { reason: 'forbidden' }],
    [400, 'invalid_blocks', {}, { reason: 'bad-payload' }],
    [500, 'rollup_error', {}, { reason: 'transient' }],
  ])('maps HTTP %d %s', async (status, body, headers, expected) => {
    answer = { status, body, headers };
    expect(await adapter.postAlert('newsroom', alert, { idempotencyKey: 'k' })).toMatchObject({
      ok: false,
      ...expected,
      message: `slack webhook newsroom: HTTP ${status} ${body}`,
    });
  });

  it('reports a refused connection as transient', async () => {
    const dead = createSlackWebhookAdapter({ webhooks: { gone: 'http://127.0.0.1:1/hook' }, log: logs.log });
    expect(await dead.postAlert('gone', alert, { idempotencyKey: 'k' })).toMatchObject({ ok: false, reason: 'transient' });
  });

  it.each([
    [200, '', 'transient'],
    [401, '', 'forbidden'],
    [413, '', 'bad-payload'],
  ])('classifies status %d %j as %s', (status, body, reason) => {
    expect(classifyWebhookFailure(status, body)).toBe(reason);
  });
});
