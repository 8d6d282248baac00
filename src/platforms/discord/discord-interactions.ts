// /peacewatch interactions: options → a neutral Command, the shared handler, an ephemeral reply.
// No command logic lives here; the CommandHandler decides, this file only translates.
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Logger } from 'pino';
import { UserError } from '../../commands/command-types.js';
import type { Command, CommandHandler, CommandInvoker, CommandReply } from '../../commands/command-types.js';
import { COMMAND_NAME } from './discord-commands.js';
import { renderCommandReply } from './discord-format.js';

export interface InteractionDeps {
  onCommand: CommandHandler;
  topicChoices: () => Array<{ id: string; name: string }>;
  log: Logger;
  /** Discord drops an unanswered interaction after 3 s; a slower handler gets a deferred reply first. */
  deferAfterMs: number;
}

const MAX_CHOICES = 25;
const MAX_CHOICE_NAME = 100;

/** Maps a chat-input interaction's subcommand and options to a Command; undefined for anything else. */
export function toCommand(interaction: ChatInputCommandInteraction): Command | undefined {
  const o = interaction.options;
  const name = o.getSubcommand(false);
  switch (name) {
    case 'subscribe': {
      const minScore = o.getNumber('min_score');
      return { name, target: o.getString('target', true), ...(minScore !== null ? { minScore } : {}) };
    }
    case 'unsubscribe':
      return { name, target: o.getString('target', true) };
    case 'latest': {
      const count = o.getInteger('count');
      return { name, ...(count !== null ? { count } : {}) };
    }
    case 'list':
    case 'topics':
    case 'status':
    case 'pause':
    case 'resume':
    case 'help':
      return { name };
    default:
      return undefined;
  }
}

export function invokerOf(interaction: ChatInputCommandInteraction): CommandInvoker {
  return {
    channel: { platform: 'discord', id: interaction.channelId },
    userId: interaction.user.id,
    // Channel-level permissions as Discord resolved them for this member (overwrites included; Administrator implies it).
    canManageChannel: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
  };
}

/** The listener for Events.InteractionCreate. Never throws: failures are logged. */
export function createInteractionListener(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) await answerAutocomplete(interaction, deps);
      else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await answerCommand(interaction, deps);
    } catch (err) {
      deps.log.error({ err, interactionId: interaction.id }, 'discord: could not answer an interaction');
    }
  };
}

async function runHandler(command: Command | undefined, invoker: CommandInvoker, deps: InteractionDeps): Promise<CommandReply> {
  if (!command) return { text: 'Unknown subcommand. Try `/peacewatch help`.', isError: true };
  try {
    return await deps.onCommand(command, invoker);
  } catch (err) {
    if (err instanceof UserError) return { text: err.message, isError: true };
    deps.log.error({ err, command: command.name, channel: invoker.channel.id }, 'discord: command handler failed');
    return { text: 'Sorry, something went wrong. The error has been logged.', isError: true };
  }
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const reply = runHandler(toCommand(interaction), invokerOf(interaction), deps);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), deps.deferAfterMs);
  });
  const first = await Promise.race([reply, slow]);
  clearTimeout(timer);
  const message = async () => ({ content: renderCommandReply((await reply).text), allowedMentions: { parse: [] } });
  if (first === 'slow') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(await message());
  } else {
    await interaction.reply({ ...(await message()), flags: MessageFlags.Ephemeral });
  }
}

async function answerAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'target') return interaction.respond([]);
  const typed = String(focused.value).trim().toLowerCase();
  const choices = deps
    .topicChoices()
    .filter((t) => typed === '' || t.id.toLowerCase().includes(typed) || t.name.toLowerCase().includes(typed))
    .slice(0, MAX_CHOICES)
    .map((t) => ({ name: t.name.slice(0, MAX_CHOICE_NAME), value: t.id }));
  await interaction.respond(choices);
}
