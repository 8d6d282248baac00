// Proves the fake Discord REST API and gateway against a real discord.js Client and
// @discordjs/rest, so adapter tests built on it exercise the real client's wire behaviour.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, MessageFlags, REST, Routes } from 'discord.js';
import type { ChatInputCommandInteraction, TextChannel } from 'discord.js';
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_GUILD_ID,
  MANAGE_GUILD,
  buildSlashInteraction,
  startFakeDiscord,
} from '../fakes/discord-api.js';
import type { FakeDiscord } from '../fakes/discord-api.js';

const TOKEN = 'fake-bot-token';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(opts: Parameters<typeof startFakeDiscord>[0] = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord({ token: TOKEN, ...opts });
  cleanups.push(() => fake.close());
  return fake;
}

async function loggedIn(fake: FakeDiscord): Promise<Client<true>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
  cleanups.push(() => client.destroy());
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(TOKEN);
  return ready;
}

function rest(fake: FakeDiscord): REST {
  return new REST({ api: fake.restUrl }).setToken(TOKEN);
}

async function alertsChannel(client: Client<true>): Promise<TextChannel> {
  return (await client.channels.fetch(DEFAULT_CHANNEL_ID)) as TextChannel;
}

describe('fake Discord with a real discord.js Client', () => {
  it('logs in over the gateway and caches the configured guild', async () => {
    const fake = await start();
    const client = await loggedIn(fake);
    expect(client.user.id).toBe(client.application.id);
    expect(client.guilds.cache.get(DEFAULT_GUILD_ID)?.channels.cache.has(DEFAULT_CHANNEL_ID)).toBe(true);
    expect(fake.identifies[0]).toMatchObject({ token: TOKEN, intents: GatewayIntentBits.Guilds });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot' });
  });

  it('sends an embed with no pings and an enforced nonce, then edits it', async () => {
    const fake = await start();
    const channel = await alertsChannel(await loggedIn(fake));
    const sent = await channel.send({
      embeds: [{ title: 'Witkoff and Umerov meet in Geneva', url: 'https://example.org/a', description: 'Ceasefire talks resume.' }],
      allowedMentions: { parse: [] },
      nonce: 'alert-1-chan-1',
      enforceNonce: true,
    });
    await sent.edit({ content: 'also reported by Reuters' });

    const [stored] = fake.messages.get(DEFAULT_CHANNEL_ID) ?? [];
    expect(stored).toMatchObject({ id: sent.id, nonce: 'alert-1-chan-1', enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(stored?.embeds).toMatchObject([{ title: 'Witkoff and Umerov meet in Geneva' }]);
    expect(stored?.edits).toMatchObject([{ content: 'also reported by Reuters' }]);
  });

  it('answers a repeated enforced nonce with the same message instead of a second one', async () => {
    const fake = await start();
    const channel = await alertsChannel(await loggedIn(fake));
    const first = await channel.send({ content: 'Berlin', nonce: 'k1', enforceNonce: true });
    const again = await channel.send({ content: 'Berlin', nonce: 'k1', enforceNonce: true });
    const unenforced = await channel.send({ content: 'Berlin', nonce: 'k1' });
    expect(again.id).toBe(first.id);
    expect(unenforced.id).not.toBe(first.id);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)).toHaveLength(2);
  });

  it('replies with a message_reference and starts a thread from a message', async () => {
    const fake = await start();
    const channel = await alertsChannel(await loggedIn(fake));
    const parent = await channel.send('Miami round');
    const reply = await parent.reply({ content: 'update', allowedMentions: { repliedUser: false } });
    const thread = await parent.startThread({ name: 'Miami round' });
    await thread.send('in thread');

    expect(reply.reference?.messageId).toBe(parent.id);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)?.[1]?.message_reference).toMatchObject({ message_id: parent.id });
    expect(thread.id).toBe(parent.id);
    expect(fake.messages.get(thread.id)?.[0]?.content).toBe('in thread');
  });

  it('delivers a dispatched slash command as interactionCreate and records the ephemeral reply', async () => {
    const fake = await start();
    const client = await loggedIn(fake);
    const seen = new Promise<ChatInputCommandInteraction>((resolve) =>
      client.on(Events.InteractionCreate, (i) => {
        if (i.isChatInputCommand()) resolve(i);
      }),
    );
    fake.dispatchInteraction(buildSlashInteraction({ name: 'peacewatch', subcommand: 'subscribe', options: { topic: 'geneva', hours: 6 }, memberPermissions: MANAGE_GUILD }));
    const interaction = await seen;
    await interaction.reply({ content: `subscribed to ${interaction.options.getString('topic')}`, flags: MessageFlags.Ephemeral });
    await interaction.editReply({ content: 'subscribed (edited)' });

    expect(interaction.options.getSubcommand()).toBe('subscribe');
    expect(interaction.options.getInteger('hours')).toBe(6);
    expect(interaction.memberPermissions?.has('ManageGuild')).toBe(true);
    expect(interaction.inGuild()).toBe(true);
    expect(fake.interactionResponses).toMatchObject([
      { kind: 'callback', type: 4, data: { content: 'subscribed to geneva', flags: 64 } },
      { kind: 'edit-original', data: { content: 'subscribed (edited)' } },
    ]);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID) ?? []).toHaveLength(0);
  });

  it('lets a test wait for the reply a handler sends on its own', async () => {
    const fake = await start();
    const client = await loggedIn(fake);
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) void i.deferReply().then(() => i.editReply('done'));
    });
    fake.dispatchInteraction(buildSlashInteraction({ name: 'peacewatch', subcommand: 'list' }));
    await fake.waitForCall('PATCH /webhooks/:app/:token/messages/@original');
    expect(fake.interactionResponses.map((r) => [r.kind, r.type])).toEqual([['callback', 5], ['edit-original', undefined]]);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)?.[0]?.content).toBe('done');
  });

  it('makes @discordjs/rest wait out a 429 retry_after and retry', async () => {
    const fake = await start();
    const channel = await alertsChannel(await loggedIn(fake));
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfterSec: 0.3 });
    await channel.send('after the limit');
    const posts = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(300);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)).toHaveLength(1);
  });

  it('closes cleanly on destroy', async () => {
    const fake = await start();
    const client = await loggedIn(fake);
    await client.destroy();
    expect(client.isReady()).toBe(false);
    expect(() => fake.dispatch('TYPING_START', {})).toThrow(/no identified gateway session/);
  });
});

describe('fake Discord REST with @discordjs/rest alone', () => {
  it.each([
    ['a missing channel', 404, 10003],
    ['a channel without access', 403, 50001],
  ])('answers %s with Discord error code', async (_name, status, code) => {
    const fake = await start();
    fake.failNext('POST /channels/:id/messages', { status: status as 403 | 404, code });
    const err = await rest(fake).post(Routes.channelMessages(DEFAULT_CHANNEL_ID), { body: { content: 'x' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status, code });
  });

  it('lets @discordjs/rest retry a one-off 500', async () => {
    const fake = await start();
    fake.failNext('POST /channels/:id/messages', { status: 500 });
    await rest(fake).post(Routes.channelMessages(DEFAULT_CHANNEL_ID), { body: { content: 'x' } });
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)).toHaveLength(1);
  });

  it.each([
    ['an empty message', {}, 50006],
    ['content over 2000 characters', { content: 'x'.repeat(2001) }, 50035],
    ['a nonce over 25 characters', { content: 'x', nonce: 'n'.repeat(26) }, 50035],
    ['an embed title over 256 characters', { embeds: [{ title: 't'.repeat(257) }] }, 50035],
  ])('rejects %s as Discord does', async (_name, body, code) => {
    const fake = await start();
    await expect(rest(fake).post(Routes.channelMessages(DEFAULT_CHANNEL_ID), { body })).rejects.toMatchObject({ status: 400, code });
  });

  it('reports X-RateLimit headers and answers 429 past the per-channel limit', async () => {
    let t = 1_750_000_000_000;
    const fake = await start({ now: () => t });
    fake.setRateLimit({ perChannel: 2, windowMs: 5000 });
    const post = () => fetch(`${fake.restUrl}/v10/channels/${DEFAULT_CHANNEL_ID}/messages`, {
      method: 'POST', headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ content: 'x' }),
    });
    const first = await post();
    await post();
    const third = await post();
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5.000');
    expect(await third.json()).toMatchObject({ retry_after: 5, global: false });
    t += 5000;
    expect((await post()).status).toBe(200);
  });

  it('registers global and guild commands, keeping ids stable across re-registration', async () => {
    const fake = await start();
    const r = rest(fake);
    const body = [{ name: 'peacewatch', description: 'Peace-talk alerts' }];
    const [first] = (await r.put(Routes.applicationCommands('1'), { body })) as Array<{ id: string }>;
    const [second] = (await r.put(Routes.applicationCommands('1'), { body })) as Array<{ id: string }>;
    await r.put(Routes.applicationGuildCommands('1', DEFAULT_GUILD_ID), { body });
    expect(second?.id).toBe(first?.id);
    expect(fake.registeredCommands.global).toMatchObject([{ name: 'peacewatch' }]);
    expect(fake.registeredCommands.guilds.get(DEFAULT_GUILD_ID)).toMatchObject([{ name: 'peacewatch', guild_id: DEFAULT_GUILD_ID }]);
  });

  it('rejects a wrong bot token with 401', async () => {
    const fake = await start();
    const wrong = new REST({ api: fake.restUrl }).setToken('nope');
    await expect(wrong.get(Routes.user('@me'))).rejects.toMatchObject({ status: 401 });
  });

  it('posts through an incoming webhook, waiting for the message only with ?wait=true', async () => {
    const fake = await start({ webhooks: [{ id: '42', token: 'hook-token', channelId: DEFAULT_CHANNEL_ID }] });
    const r = new REST({ api: fake.restUrl });
    const sent = (await r.post(Routes.webhook('42', 'hook-token'), { body: { content: 'via hook' }, query: new URLSearchParams({ wait: 'true' }), auth: false })) as { id: string; webhook_id: string };
    expect(sent).toMatchObject({ webhook_id: '42' });
    expect(fake.messages.get(DEFAULT_CHANNEL_ID)?.[0]).toMatchObject({ id: sent.id, content: 'via hook' });
    await expect(r.post(Routes.webhook('42', 'wrong'), { body: { content: 'x' }, auth: false })).rejects.toMatchObject({ status: 404, code: 10015 });
  });
});
