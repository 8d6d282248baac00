import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPeacewatchCommand, inviteUrl, registerCommands } from '../../../src/platforms/discord/discord-commands.js';
import { BOT_PERMISSIONS, DEFAULT_APPLICATION_ID, DEFAULT_GUILD_ID, startFakeDiscord } from '../../fakes/discord-api.js';
import type { FakeDiscord } from '../../fakes/discord-api.js';

const TOKEN = 'fake-bot-token';
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Option { name: string; type: number; autocomplete?: boolean; required?: boolean; options?: Option[] }

describe('the /peacewatch definition', () => {
  const json = buildPeacewatchCommand().toJSON();
  const sub = (name: string) => (json.options as Option[] | undefined)?.find((o) => o.name === name);

  it('has the nine subcommands', () => {
    expect((json.options as Option[]).map((o) => [o.name, o.type])).toEqual(
      ['subscribe', 'unsubscribe', 'list', 'topics', 'latest', 'status', 'pause', 'resume', 'help'].map((n) => [n, 1]),
    );
  });

  it('is for members who may manage channels by default (a server can open it), and guild-only', () => {
    expect(json.default_member_permissions).toBe(PermissionFlagsBits.ManageChannels.toString());
    expect(json.contexts).toEqual([0]);
  });

  it.each(['subscribe', 'unsubscribe'])('%s takes a required, autocompleted target', (name) => {
    expect(sub(name)?.options?.[0]).toMatchObject({ name: 'target', type: 3, required: true, autocomplete: true });
  });

  it('types min_score as a number and count as an integer', () => {
    expect(sub('subscribe')?.options?.[1]).toMatchObject({ name: 'min_score', type: 10, min_value: 0, max_value: 1 });
    expect(sub('latest')?.options?.[0]).toMatchObject({ name: 'count', type: 4, min_value: 1 });
  });
});

describe('registerCommands', () => {
  it.each([
    ['globally', undefined],
    ['in one guild', DEFAULT_GUILD_ID],
  ])('PUTs the command %s', async (_name, guildId) => {
    fake = await startFakeDiscord({ token: TOKEN });
    const stored = await registerCommands({ token: TOKEN, applicationId: DEFAULT_APPLICATION_ID, guildId, apiUrl: fake.restUrl });
    const expectedPath = guildId ? `/applications/${DEFAULT_APPLICATION_ID}/guilds/${guildId}/commands` : `/applications/${DEFAULT_APPLICATION_ID}/commands`;
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PUT ${expectedPath}`]);
    expect(fake.calls[0]?.body).toEqual([buildPeacewatchCommand().toJSON()]);
    expect(stored).toMatchObject([{ id: expect.any(String), name: 'peacewatch' }]);
  });

  it('fails loudly on a rejected token', async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    await expect(registerCommands({ token: 'nope', applicationId: DEFAULT_APPLICATION_ID, apiUrl: fake.restUrl })).rejects.toMatchObject({ status: 401 });
  });
});

describe('inviteUrl', () => {
  it('asks for the bot and command scopes with only the permissions alerts need', () => {
    const url = new URL(inviteUrl(DEFAULT_APPLICATION_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(DEFAULT_APPLICATION_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toBe(BOT_PERMISSIONS);
  });
});
