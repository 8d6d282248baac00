import type { Writable } from 'node:stream';
import type { Secrets } from '../config/config-types.js';
import { inviteUrl, registerCommands } from '../platforms/discord/discord-commands.js';

import { MissingSettingError } from './cli-errors.js';

function requireApplicationId(secrets: Secrets): string {
  if (!secrets.discordApplicationId) {
    throw new MissingSettingError('discord: set DISCORD_APPLICATION_ID (the application id from the Discord developer portal)');
  }
  return secrets.discordApplicationId;
}

/** `discord:register [--guild ID]`: PUT the /peacewatch command (guild commands update at once). */
export async function runDiscordRegister(opts: { secrets: Secrets; guildId?: string; apiUrl?: string; out: Writable }): Promise<number> {
  const applicationId = requireApplicationId(opts.secrets);
  if (!opts.secrets.discordToken) throw new MissingSettingError('discord: set DISCORD_TOKEN (the bot token)');
  const registered = await registerCommands({
    token: opts.secrets.discordToken,
    applicationId,
    guildId: opts.guildId,
    apiUrl: opts.apiUrl,
  });
  const where = opts.guildId ? `guild ${opts.guildId}` : 'all servers (global commands can take up to an hour to appear)';
  opts.out.write(`registered for ${where}: ${registered.map((c) => `/${c.name} (${c.id})`).join(', ')}\n`);
  return 0;
}

/** `discord:invite`: the URL that adds the bot with the minimal permissions. */
export function runDiscordInvite(opts: { secrets: Secrets; out: Writable }): number {
  opts.out.write(`${inviteUrl(requireApplicationId(opts.secrets))}\n`);
  return 0;
}
