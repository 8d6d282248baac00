// The digest through discord.js REST against the loopback fake Discord API: one message, the chart attached.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../../src/platforms/discord/discord-adapter.js';
import { formatDigestMessage } from '../../../src/platforms/discord/discord-digest.js';
import { fixtureDigestPost } from '../../digest/digest-post.js';
import { DEFAULT_APPLICATION_ID, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startFakeDiscord, type FakeDiscord } from '../../fakes/discord-api.js';
import { captureLog } from './capture-log.js';

const TOKEN = 'fake-bot-token';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(login: boolean): Promise<{ fake: FakeDiscord; adapter: ReturnType<typeof createDiscordAdapter> }> {
  const fake = await startFakeDiscord({ token: TOKEN, guilds: [{ id: DEFAULT_GUILD_ID, name: 'Peace Desk', channels: [{ id: DEFAULT_CHANNEL_ID, name: 'peace-alerts' }] }] });
  cleanups.push(() => fake.close());
  const adapter = createDiscordAdapter({
    token: TOKEN,
    applicationId: DEFAULT_APPLICATION_ID,
    apiUrl: fake.restUrl,
    onCommand: async () => ({ text: '', isError: false }),
    topicChoices: () => [],
    log: captureLog().log,
    loginRetry: { initialMs: 10, maxMs: 20 },
  });
  cleanups.push(() => adapter.stop());
  if (login) {
    await adapter.start();
    await vi.waitFor(() => expect(fake.identifies).toHaveLength(1));
  }
  return { fake, adapter };
}

describe('Discord digest', () => {
  it('posts one message whose embed shows the attached chart, the PNG sent byte for byte', async () => {
    const { fake, adapter } = await setup(false);
    const post = await fixtureDigestPost();
    const outcome = await adapter.postDigest!(DEFAULT_CHANNEL_ID, post);
    expect(outcome).toMatchObject({ ok: true, ref: { platform: 'discord', channelId: DEFAULT_CHANNEL_ID } });
    const call = fake.calls.find((c) => c.method === 'POST' && c.path === `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data/u);
    expect(call?.files).toHaveLength(1);
    expect(call?.files?.[0]).toMatchObject({ filename: 'peacewatch-digest.png', contentType: 'image/png' });
    expect(call?.files?.[0]?.data.equals(Buffer.from(post.chart.png))).toBe(true);
    expect(call?.body).toMatchObject({
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: 'peacewatch-digest.png' }],
      embeds: [{ title: 'peacewatch weekly digest: 3 stories, ranked by coverage', image: { url: 'attachment://peacewatch-digest.png' } }],
    });
    // Without the gateway's cache the guild is unknown: stories link to their root article.
    const description = (call?.body as { embeds: Array<{ description: string }> }).embeds[0]!.description;
    expect(description).toMatch(/^1\\\. \[Witkoff and Dmitriev meet in Miami\]\(https:\/\/news\.example\/a1\) — 6 outlets · de, en, fr, ru, uk\n {2}latest: /u);
  });

  it('links each story to its root alert once the channel is cached', async () => {
    const { fake, adapter } = await setup(true);
    const post = await fixtureDigestPost();
    const rootRef = { platform: 'discord', channelId: DEFAULT_CHANNEL_ID, messageId: '1100000000000000777' };
    const digest = { ...post.digest, stories: [{ ...post.digest.stories[0]!, rootRef }] };
    await vi.waitFor(async () => {
      fake.calls.length = 0;
      await adapter.postDigest!(DEFAULT_CHANNEL_ID, { ...post, digest });
      const body = fake.calls.at(-1)?.body as { embeds: Array<{ description: string }> };
      expect(body.embeds[0]!.description).toContain(`(https://discord.com/channels/${DEFAULT_GUILD_ID}/${DEFAULT_CHANNEL_ID}/1100000000000000777)`);
    });
  });
});

describe('formatDigestMessage', () => {
  it('escapes outlet text and allows no mention', async () => {
    const post = await fixtureDigestPost();
    const story = post.digest.stories[0]!;
    const hostile = { ...post.digest, stories: [{ ...story, headline: '@everyone [click](http://evil.example) <@&123>' }] };
    const message = formatDigestMessage(hostile, 'c.png', () => undefined);
    const description = message.embeds[0]!.description;
    expect(description).not.toContain('@everyone');
    expect(description).not.toContain('[click](');
    expect(description).not.toContain('<@&123>');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });
});
