// The Discord adapter with a real discord.js Client against the loopback fake (REST + gateway).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command, CommandInvoker, CommandReply } from '../../../src/commands/command-types.js';
import type { ChatAdapter } from '../../../src/platforms/chat-adapter.js';
import { createDiscordAdapter } from '../../../src/platforms/discord/discord-adapter.js';
import type { DiscordAdapterOptions } from '../../../src/platforms/discord/discord-adapter.js';
import { createAlert, createArticle } from '../../builders/article.js';
import {
  DEFAULT_APPLICATION_ID,
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  buildSlashInteraction,
  startFakeDiscord,
} from '../../fakes/discord-api.js';
import type { FakeDiscord } from '../../fakes/discord-api.js';
import { captureLog } from './capture-log.js';

const TOKEN = 'fake-bot-token';
const MANAGE_CHANNELS = String(1n << 4n);
const LOCKED_CHANNEL_ID = '1100000000000000011';
const ZWSP = '\u200b';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Harness {
  fake: FakeDiscord;
  adapter: ChatAdapter;
  commands: Array<{ command: Command; invoker: CommandInvoker }>;
  logs: ReturnType<typeof captureLog>['lines'];
}

async function setup(overrides: Partial<DiscordAdapterOptions> = {}, login = true): Promise<Harness> {
  const fake = await startFakeDiscord({
    token: TOKEN,
    guilds: [{
      id: DEFAULT_GUILD_ID,
      name: 'Peace Desk',
      channels: [{ id: DEFAULT_CHANNEL_ID, name: 'peace-alerts' }, { id: LOCKED_CHANNEL_ID, name: 'locked', missingAccess: true }],
    }],
  });
  cleanups.push(() => fake.close());
  const { log, lines } = captureLog();
  const commands: Harness['commands'] = [];
  const adapter = createDiscordAdapter({
    token: TOKEN,
    applicationId: DEFAULT_APPLICATION_ID,
    apiUrl: fake.restUrl,
    onCommand: async (command, invoker) => {
      commands.push({ command, invoker });
      return { text: `*${command.name}* ok`, isError: false };
    },
    topicChoices: () => [
      { id: 'ukraine-peace-talks', name: 'Ukraine peace talks' },
      { id: 'geneva-round', name: 'Geneva round' },
      { id: 'black-sea', name: 'Black Sea grain deal' },
    ],
    log,
    loginRetry: { initialMs: 10, maxMs: 20 },
    ...overrides,
  });
  cleanups.push(() => adapter.stop());
  if (login) {
    await adapter.start();
    await vi.waitFor(() => expect(fake.identifies).toHaveLength(1));
  }
  return { fake, adapter, commands, logs: lines };
}

const key = (n: number) => `alert-${n}→discord:${DEFAULT_CHANNEL_ID}`;

describe('slash commands', () => {
  it('answers /peacewatch help with the handler reply, ephemeral and in Discord markdown', async () => {
    const { fake, commands } = await setup();
    fake.dispatchInteraction(buildSlashInteraction({ name: 'peacewatch', subcommand: 'help' }));
    await fake.waitForCall('POST /interactions/:id/:token/callback');
    expect(commands.map((c) => c.command)).toEqual([{ name: 'help' }]);
    expect(fake.interactionResponses).toMatchObject([{ kind: 'callback', type: 4, data: { content: '**help** ok', flags: 64, allowed_mentions: { parse: [] } } }]);
  });

  it.each([
    ['without Manage Channels', '0', false],
    ['with Manage Channels', MANAGE_CHANNELS, true],
  ])('maps subscribe options and passes canManageChannel for a member %s', async (_name, memberPermissions, canManage) => {
    const { fake, commands } = await setup();
    fake.dispatchInteraction(buildSlashInteraction({
      name: 'peacewatch', subcommand: 'subscribe', memberPermissions,
      options: [{ name: 'target', type: 3, value: 'ukraine-peace-talks' }, { name: 'min_score', type: 10, value: 0.5 }],
    }));
    await fake.waitForCall('POST /interactions/:id/:token/callback');
    expect(commands).toEqual([{
      command: { name: 'subscribe', target: 'ukraine-peace-talks', minScore: 0.5 },
      invoker: { channel: { platform: 'discord', id: DEFAULT_CHANNEL_ID }, userId: expect.any(String), canManageChannel: canManage },
    }]);
  });

  it.each([
    [{ subcommand: 'latest', options: { count: 3 } }, { name: 'latest', count: 3 }],
    [{ subcommand: 'latest' }, { name: 'latest' }],
    [{ subcommand: 'unsubscribe', options: { target: 'geneva-round' } }, { name: 'unsubscribe', target: 'geneva-round' }],
    [{ subcommand: 'pause' }, { name: 'pause' }],
  ])('maps %j to a Command', async (input, expected) => {
    const { fake, commands } = await setup();
    fake.dispatchInteraction(buildSlashInteraction({ name: 'peacewatch', ...input }));
    await fake.waitForCall('POST /interactions/:id/:token/callback');
    expect(commands[0]?.command).toEqual(expected);
  });

  it('defers first when the handler is slow, then edits the deferred reply', async () => {
    let finish: (r: CommandReply) => void = () => {};
    const { fake } = await setup({ deferAfterMs: 20, onCommand: () => new Promise<CommandReply>((resolve) => (finish = resolve)) });
    fake.dispatchInteraction(buildSlashInteraction({ name: 'peacewatch', subcommand: 'status' }));
    await fake.waitForCall('POST /interactions/:id/:token/callback');
    finish({ text: '*Feeds* fine', isError: false });
    await fake.waitForCall('PATCH /webhooks/:app/:token/messages/@original');
    expect(fake.interactionResponses).toMatchObject([
      { kind: 'callback', type: 5, data: { flags: 64 } },
      { kind: 'edit-original', data: { content: '**Feeds** fine' } },
    ]);
  });

  it('suggests topics matching what was typed in target', async () => {
    const { fake } = await setup();
    const payload = buildSlashInteraction({ name: 'peacewatch', subcommand: 'subscribe', options: [{ name: 'target', type: 3, value: 'GEN', focused: true }] });
    fake.dispatchInteraction({ ...payload, type: 4 });
    await fake.waitForCall('POST /interactions/:id/:token/callback');
    expect(fake.interactionResponses).toMatchObject([{ type: 8, data: { choices: [{ name: 'Geneva round', value: 'geneva-round' }] } }]);
  });
});

describe('alerts', () => {
  it('posts an embed with no pings and a nonce, and a resend with the same key returns the same message', async () => {
    const { fake, adapter } = await setup();
    const alert = createAlert();
    const first = await adapter.postAlert(DEFAULT_CHANNEL_ID, alert, { idempotencyKey: key(1) });
    const again = await adapter.postAlert(DEFAULT_CHANNEL_ID, alert, { idempotencyKey: key(1) });
    const other = await adapter.postAlert(DEFAULT_CHANNEL_ID, alert, { idempotencyKey: key(2) });

    const stored = fake.messages.get(DEFAULT_CHANNEL_ID) ?? [];
    expect(first).toEqual({ ok: true, ref: { platform: 'discord', channelId: DEFAULT_CHANNEL_ID, messageId: stored[0]?.id } });
    expect(again).toEqual(first);
    expect(other.ok && other.ref.messageId).not.toBe(stored[0]?.id);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ content: '', allowed_mentions: { parse: [] }, enforce_nonce: true, embeds: [{ title: alert.article.title, url: `${alert.article.url}#pw-${String(stored[0]?.nonce)}` }] });
    expect(String(stored[0]?.nonce).length).toBeLessThanOrEqual(25);
  });

  it('neutralises mentions in article text and pings only the subscription role', async () => {
    const { fake, adapter } = await setup();
    const alert = createAlert({ article: createArticle({ title: '@everyone: <@123> met <@&456> in Geneva' }) });
    const posted = await adapter.postAlert(DEFAULT_CHANNEL_ID, alert, { idempotencyKey: key(1), mention: '<@&777777777777777777>' } as never);
    expect(posted.ok).toBe(true);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)?.[0]).toMatchObject({
      content: '<@&777777777777777777>',
      allowed_mentions: { parse: [], roles: ['777777777777777777'] },
      embeds: [{ title: `@${ZWSP}everyone: <${ZWSP}@123> met <${ZWSP}@&456> in Geneva` }],
    });
  });

  it('replies under the root alert and edits the root with "Also reported by"', async () => {
    const { fake, adapter } = await setup();
    const root = createAlert();
    const posted = await adapter.postAlert(DEFAULT_CHANNEL_ID, root, { idempotencyKey: key(1) });
    if (!posted.ok) throw new Error(posted.message);
    const later = createAlert({
      article: createArticle({ id: 'test:2', title: 'Umerov confirms Miami talks', source: 'Kyiv Independent', url: 'https://kyiv.example/b' }),
      kind: 'update',
      rootAlertId: root.id,
      reportedBy: [...root.reportedBy, { articleId: 'test:2', source: 'Kyiv Independent', url: 'https://kyiv.example/b' }],
    });

    const reply = await adapter.replyToAlert(posted.ref, later, { idempotencyKey: key(2) });
    const update = await adapter.updateAlert(posted.ref, later, { idempotencyKey: key(2) });

    const [stored, replied] = fake.messages.get(DEFAULT_CHANNEL_ID) ?? [];
    expect(reply).toMatchObject({ ok: true, ref: { messageId: replied?.id } });
    expect(replied).toMatchObject({ message_reference: { message_id: posted.ref.messageId, fail_if_not_exists: false }, embeds: [{ title: 'Umerov confirms Miami talks' }] });
    expect(update).toEqual({ ok: true, ref: posted.ref });
    expect(stored?.edits).toHaveLength(1);
    expect(stored?.embeds).toMatchObject([{
      title: root.article.title,
      fields: expect.arrayContaining([{ name: 'Also reported by', value: '[Kyiv Independent](https://kyiv.example/b)', inline: false }]),
    }]);
  });

  it('treats an update of a deleted root message as message-gone, not as a gone channel or a bad payload', async () => {
    const { adapter } = await setup();
    const ref = { platform: 'discord', channelId: DEFAULT_CHANNEL_ID, messageId: '1100000000000000555' };
    expect(await adapter.updateAlert(ref, createAlert({ kind: 'update' }), { idempotencyKey: key(1) })).toMatchObject({ ok: false, reason: 'message-gone' });
  });

  it('returns rate-limited with retryAfterMs on a 429 instead of waiting it out', async () => {
    const { fake, adapter } = await setup();
    // 60 s: if the REST layer slept on it, the test would time out.
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfterSec: 60 });
    const outcome = await adapter.postAlert(DEFAULT_CHANNEL_ID, createAlert(), { idempotencyKey: key(1) });
    expect(outcome).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(!outcome.ok && outcome.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect(fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'))).toHaveLength(1);
  });

  it.each([
    ['an unknown channel', '1100000000000000999', undefined, 'gone'],
    ['a channel without access (50001)', LOCKED_CHANNEL_ID, undefined, 'forbidden'],
    ['missing permissions (50013)', DEFAULT_CHANNEL_ID, { status: 403, code: 50013 } as const, 'forbidden'],
    ['an invalid form body (50035)', DEFAULT_CHANNEL_ID, { status: 400 } as const, 'bad-payload'],
    ['Discord failing with 5xx past the retries', DEFAULT_CHANNEL_ID, { status: 500, times: 4 } as const, 'transient'],
  ])('sorts %s into %s', async (_name, channelId, failure, reason) => {
    const { fake, adapter } = await setup();
    if (failure) fake.failNext('POST /channels/:id/messages', failure);
    const outcome = await adapter.postAlert(channelId, createAlert(), { idempotencyKey: key(1) });
    expect(outcome).toMatchObject({ ok: false, reason, message: expect.stringContaining(channelId) });
  });

  it('posts over REST even before the gateway is connected', async () => {
    const { fake, adapter } = await setup({}, false);
    const outcome = await adapter.postAlert(DEFAULT_CHANNEL_ID, createAlert(), { idempotencyKey: key(1) });
    expect(outcome.ok).toBe(true);
    expect(fake.identifies).toHaveLength(0);
  });
});

describe('start', () => {
  it('does not throw when Discord is unreachable, warns once and keeps retrying', async () => {
    const { log, lines } = captureLog();
    const adapter = createDiscordAdapter({
      token: TOKEN, applicationId: DEFAULT_APPLICATION_ID, apiUrl: 'http://127.0.0.1:1/api', log,
      onCommand: async () => ({ text: '', isError: false }), topicChoices: () => [], loginRetry: { initialMs: 5, maxMs: 10 },
    });
    cleanups.push(() => adapter.stop());
    await expect(adapter.start()).resolves.toBeUndefined();
    await vi.waitFor(() => expect(lines.filter((l) => /cannot reach Discord/u.test(l.msg)).length).toBeGreaterThanOrEqual(3));
    expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('logs in once Discord answers again', async () => {
    const { fake, adapter, logs } = await setup({}, false);
    fake.failNext('GET /gateway/bot', { status: 500, times: 4 });
    await adapter.start();
    await vi.waitFor(() => expect(fake.identifies).toHaveLength(1));
    await vi.waitFor(() => expect(logs.map((l) => l.msg)).toContain('discord: logged in after earlier failures'));
    expect(logs.filter((l) => l.level === 40)).toMatchObject([{ msg: expect.stringContaining('cannot reach Discord') }]);
  });

  it('logs a rejected token as an error and does not retry', async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    cleanups.push(() => fake.close());
    const { log, lines } = captureLog();
    const adapter = createDiscordAdapter({
      token: 'wrong-token', applicationId: DEFAULT_APPLICATION_ID, apiUrl: fake.restUrl, log,
      onCommand: async () => ({ text: '', isError: false }), topicChoices: () => [], loginRetry: { initialMs: 5, maxMs: 10 },
    });
    cleanups.push(() => adapter.stop());
    await expect(adapter.start()).resolves.toBeUndefined();
    expect(lines).toMatchObject([{ level: 50, msg: expect.stringContaining('token was rejected') }]);
    expect(JSON.stringify(lines)).not.toContain('wrong-token');
  });
});
