// The /peacewatch application command: its definition, registration, and the bot's invite link.
import { InteractionContextType, OAuth2Scopes, PermissionFlagsBits, REST, Routes, SlashCommandBuilder } from 'discord.js';
import type { RESTPutAPIApplicationCommandsJSONBody, SlashCommandStringOption } from 'discord.js';

export const COMMAND_NAME = 'peacewatch';
export const MAX_LATEST = 10;

/**
 * default_member_permissions = Manage Channels, as the chat issue asks: by default only people
 * who manage channels see the command. Discord applies it to the whole command, so a server
 * that wants everyone to use list/topics/latest/status/help opens it under Server Settings →
 * Integrations; the handler still refuses subscribe/unsubscribe/pause/resume unless
 * invoker.canManageChannel (Manage Channels in that channel), whatever the server allows.
 */
export function buildPeacewatchCommand(): SlashCommandBuilder {
  const target = (o: SlashCommandStringOption, what: string) =>
    o.setName('target').setDescription(what).setRequired(true).setMaxLength(100).setAutocomplete(true);
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Alerts about the Russia–Ukraine peace negotiations')
    // Subscriptions belong to guild channels; DMs have no channel to manage.
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels);
  command
    .addSubcommand((s) =>
      s.setName('subscribe').setDescription('Send alerts for a topic or keyword to this channel (Manage Channels)')
        .addStringOption((o) => target(o, 'A topic, or a keyword phrase in quotes'))
        .addNumberOption((o) => o.setName('min_score').setDescription('Only alerts scoring at least this (0–1)').setMinValue(0).setMaxValue(1)))
    .addSubcommand((s) =>
      s.setName('unsubscribe').setDescription('Stop alerts for a topic or keyword here (Manage Channels)')
        .addStringOption((o) => target(o, 'A topic or keyword this channel follows')))
    .addSubcommand((s) => s.setName('list').setDescription("What this channel follows"))
    .addSubcommand((s) => s.setName('topics').setDescription('Topics you can subscribe to'))
    .addSubcommand((s) =>
      s.setName('latest').setDescription('The most recent alerts')
        .addIntegerOption((o) => o.setName('count').setDescription(`How many (1–${MAX_LATEST})`).setMinValue(1).setMaxValue(MAX_LATEST)))
    .addSubcommand((s) => s.setName('status').setDescription('Feed health and delivery state for this channel'))
    .addSubcommand((s) => s.setName('pause').setDescription('Pause alerts in this channel (Manage Channels)'))
    .addSubcommand((s) => s.setName('resume').setDescription('Resume alerts in this channel (Manage Channels)'))
    .addSubcommand((s) => s.setName('help').setDescription('How to use peacewatch'));
  return command;
}

export interface RegisterCommandsOptions {
  token: string;
  applicationId: string;
  /** Guild commands update instantly (good for testing); global ones reach every server the bot is in. */
  guildId?: string;
  apiUrl?: string;
}

/** PUTs the command list (replacing what was there; ids stay stable) and returns what Discord stored. */
export async function registerCommands(opts: RegisterCommandsOptions): Promise<Array<{ id: string; name: string }>> {
  const rest = new REST(opts.apiUrl ? { api: opts.apiUrl } : {}).setToken(opts.token);
  const body: RESTPutAPIApplicationCommandsJSONBody = [buildPeacewatchCommand().toJSON()];
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  return (await rest.put(route, { body })) as Array<{ id: string; name: string }>;
}

/** What the bot needs, and nothing more: read and post in channels and threads, with embeds. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads;

/** The OAuth2 link a server admin opens to add the bot with its slash command. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    permissions: BOT_PERMISSIONS.toString(),
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
