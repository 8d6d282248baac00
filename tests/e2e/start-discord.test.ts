// `peacewatch start` as a real process against the fake Discord (REST + gateway) and a loopback
// feed: discord.js logs in, /peacewatch interactions get ephemeral answers, alerts arrive as
// embeds that can ping nobody, SIGTERM stops it cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSlashInteraction,
  DEFAULT_APPLICATION_ID,
  DEFAULT_CHANNEL_ID,
  startFakeDiscord,
  type FakeDiscord,
  type InteractionResponseRecord,
} from '../fakes/discord-api.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { eventually, spawnCli, type CliProcess } from './cli-process.js';
import { RELEVANT_TITLE as RELEVANT, startWireFeed, WIRE_PATH } from './wire-feed.js';
import { createWorkDir, type WorkDir } from './work-dir.js';

const TOKEN = 'e2e-discord-bot-token.abcdef';
const EPHEMERAL = 1 << 6;
const MANAGE_CHANNELS = String(1n << 4n);
const HOSTILE = 'Umerov tells @everyone security guarantees were agreed with Kushner in Berlin';

let feeds: FeedServer;
let discord: FakeDiscord;
let work: WorkDir;
let app: CliProcess;

beforeAll(async () => {
  feeds = await startWireFeed(HOSTILE);
  discord = await startFakeDiscord({ token: TOKEN });
  work = createWorkDir({ prefix: 'pw-e2e-discord-', feedUrl: feeds.url(WIRE_PATH), subscriptions: [`discord:${DEFAULT_CHANNEL_ID}`] });
  app = spawnCli(['start', '--config', work.configPath], {
    cwd: work.dir,
    env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: DEFAULT_APPLICATION_ID, DISCORD_API_URL: discord.restUrl, LOG_LEVEL: 'info' },
  });
  await eventually(() => (discord.identifies.length > 0 ? true : undefined), 'IDENTIFY on the fake gateway', 25_000);
  // READY and GUILD_CREATE processed: interactions dispatched from now on are handled.
  await app.waitForLog((l) => l.msg === 'discord: connected', 10_000);
}, 30_000);

afterAll(async () => {
  await app?.stop('SIGKILL');
  await discord?.close();
  await feeds?.close();
  work?.remove();
});

const alerts = () => discord.messages.get(DEFAULT_CHANNEL_ID) ?? [];

async function interact(input: Parameters<typeof buildSlashInteraction>[0]): Promise<InteractionResponseRecord> {
  const payload = buildSlashInteraction(input);
  discord.dispatchInteraction(payload);
  return eventually(() => discord.interactionResponses.find((r) => r.interactionId === payload.id), `a response to ${input.subcommand}`);
}

describe('peacewatch start with Discord (real process, fake gateway and REST)', () => {
  it('identifies on the gateway with the configured token', () => {
    expect(discord.identifies[0]).toMatchObject({ token: TOKEN });
  });

  it('answers /peacewatch help with an ephemeral reply listing the commands', async () => {
    const response = await interact({ name: 'peacewatch', subcommand: 'help' });
    expect(response).toMatchObject({ kind: 'callback', type: 4 });
    expect(Number(response.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(response.data?.content)).toContain('/peacewatch subscribe');
    expect(String(response.data?.content)).toContain('**peacewatch**');
    expect(response.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it.each([
    ['without Manage Channels: refused', '0', /Only people who may manage this channel can subscribe/u],
    ['with Manage Channels: accepted', MANAGE_CHANNELS, /^This channel now follows keyword `security guarantees`\./u],
  ])('subscribe %s', async (_name, memberPermissions, expected) => {
    const response = await interact({ name: 'peacewatch', subcommand: 'subscribe', options: { target: '"security guarantees"' }, memberPermissions });
    expect(Number(response.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(String(response.data?.content)).toMatch(expected);
  });

  it('posts the relevant alert as an embed that mentions nobody, with a nonce, and not the decoy', async () => {
    await eventually(() => (alerts().length >= 2 ? true : undefined), 'two alerts in the channel');
    const alert = alerts().find((m) => JSON.stringify(m.embeds).includes('Witkoff and Dmitriev'));
    expect(alert).toBeDefined();
    expect(alert!.content).toBe('');
    expect(alert!.embeds[0]).toMatchObject({ title: RELEVANT, url: expect.stringMatching(/^https:\/\/wire\.example\/talks-1#pw-[\w-]+$/u) });
    expect(alert!.allowed_mentions).toEqual({ parse: [] });
    expect(typeof alert!.nonce).toBe('string');
    expect(String(alert!.nonce).length).toBeGreaterThan(0);
    expect(String(alert!.nonce).length).toBeLessThanOrEqual(25);
    expect(alert!.enforce_nonce).toBe(true);
    expect(JSON.stringify(alerts())).not.toContain('Markets close higher');
    const posts = discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(posts.every((c) => c.headers.authorization === `Bot ${TOKEN}`)).toBe(true);
  });

  it('breaks @everyone in a headline even though allowed_mentions already stops the ping', async () => {
    const hostile = await eventually(() => alerts().find((m) => JSON.stringify(m.embeds).includes('Umerov')), 'the hostile headline');
    expect(hostile.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(hostile.embeds)).not.toMatch(/@everyone/u);
    expect(JSON.stringify(hostile.embeds)).toContain('@\u200beveryone');
  });

  it('stops on SIGTERM with exit code 0, having logged no token', async () => {
    const { code } = await app.stop('SIGTERM');
    expect(code).toBe(0);
    expect(app.logs().some((l) => l.msg === 'stopped')).toBe(true);
    expect(app.stderr()).not.toContain(TOKEN);
    expect(alerts().filter((m) => JSON.stringify(m.embeds).includes('Witkoff and Dmitriev'))).toHaveLength(1);
  });
});
