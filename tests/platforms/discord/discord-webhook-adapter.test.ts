import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordWebhookAdapter, parseWebhookUrl } from '../../../src/platforms/discord/discord-webhook-adapter.js';
import { createAlert, createArticle } from '../../builders/article.js';
import { DEFAULT_CHANNEL_ID, startFakeDiscord } from '../../fakes/discord-api.js';
import type { FakeDiscord } from '../../fakes/discord-api.js';
import { captureLog } from './capture-log.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup() {
  fake = await startFakeDiscord({ webhooks: [{ id: '42', token: 'hook-token', channelId: DEFAULT_CHANNEL_ID }] });
  const adapter = createDiscordWebhookAdapter({
    webhooks: { desk: `${fake.restUrl}/webhooks/42/hook-token`, stale: `${fake.restUrl}/webhooks/42/revoked-token` },
    log: captureLog().log,
  });
  return { fake, adapter };
}

describe('parseWebhookUrl', () => {
  it.each([
    ['https://discord.com/api/webhooks/123/abc-DEF_9', { api: 'https://discord.com/api', id: '123', token: 'abc-DEF_9' }],
    ['https://discord.com/api/v10/webhooks/123/tok/', { api: 'https://discord.com/api', id: '123', token: 'tok' }],
    ['http://127.0.0.1:5000/api/webhooks/1/t', { api: 'http://127.0.0.1:5000/api', id: '1', token: 't' }],
  ])('reads %s', (url, expected) => {
    expect(parseWebhookUrl(url)).toEqual(expected);
  });
  it.each(['https://discord.com/channels/1/2', 'not a url', 'https://discord.com/api/webhooks/abc/tok'])('refuses %s', (url) => {
    expect(() => parseWebhookUrl(url)).toThrow(/discord-webhook/u);
  });
});

describe('createDiscordWebhookAdapter', () => {
  it('posts the alert embed with ?wait=true, no pings, and no bot token', async () => {
    const { fake, adapter } = await setup();
    const alert = createAlert({ article: createArticle({ title: 'Talks @here in Berlin' }) });
    const outcome = await adapter.postAlert('desk', alert, { idempotencyKey: 'k1' });
    const [stored] = fake.messages.get(DEFAULT_CHANNEL_ID) ?? [];
    expect(outcome).toEqual({ ok: true, ref: { platform: 'discord-webhook', channelId: 'desk', messageId: stored?.id } });
    expect(stored).toMatchObject({ webhook_id: '42', content: '', allowed_mentions: { parse: [] }, embeds: [{ title: 'Talks @\u200bhere in Berlin' }] });
    expect(fake.calls[0]?.query.get('wait')).toBe('true');
    expect(fake.calls[0]?.headers.authorization).toBeUndefined();
  });

  it('posts an update as a new message, since webhooks cannot reply', async () => {
    const { fake, adapter } = await setup();
    const ref = { platform: 'discord-webhook', channelId: 'desk', messageId: '1' };
    const outcome = await adapter.replyToAlert(ref, createAlert({ kind: 'update' }), { idempotencyKey: 'k2' });
    expect(outcome.ok).toBe(true);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)?.[0]?.message_reference).toBeUndefined();
  });

  it.each([
    ['an unconfigured webhook name', 'elsewhere', undefined, 'gone'],
    ['a deleted webhook (10015)', 'stale', undefined, 'gone'],
    ['a 429', 'desk', { status: 429, retryAfterSec: 60 } as const, 'rate-limited'],
  ])('sorts %s into %s', async (_name, channel, failure, reason) => {
    const { fake, adapter } = await setup();
    if (failure) fake.failNext('POST /webhooks/:id/:token', failure);
    expect(await adapter.postAlert(channel, createAlert(), { idempotencyKey: 'k' })).toMatchObject({ ok: false, reason });
  });
});
