import type { ChannelRef } from '../domain/channel.js';

/**
 * The platform-neutral slash-command contract. Slack parses its text into a Command
 * (parseCommandText), Discord maps its options into one; both call the same
 * CommandHandler and render the CommandReply in their own way.
 */
export type Command =
  | { name: 'subscribe'; target: string; minScore?: number }
  | { name: 'unsubscribe'; target: string }
  | { name: 'list' }
  | { name: 'topics' }
  | { name: 'latest'; count?: number }
  | { name: 'status' }
  | { name: 'pause' }
  | { name: 'resume' }
  | { name: 'help' };

export type CommandName = Command['name'];

/** Who typed the command, where, and whether the platform says they may manage the channel. */
export interface CommandInvoker {
  channel: ChannelRef;
  userId: string;
  /**
   * Slack: workspace admin/owner (users.info) or listed in chat.slack.managers;
   * Discord: Manage Channels in this channel. Read-only commands ignore it.
   */
  canManageChannel: boolean;
}

/**
 * A reply for the invoker only (ephemeral). `text` uses a tiny neutral markup that
 * both platforms render: *bold*, `code`, "• " bullets, and line breaks.
 */
export interface CommandReply {
  text: string;
  /** True for a user mistake or a refusal (shown as such, never logged as an error). */
  isError: boolean;
}

export type CommandHandler = (command: Command, invoker: CommandInvoker) => Promise<CommandReply>;

/** A mistake in what a user typed, with a message written for that user. */
export class UserError extends Error {
  override name = 'UserError';
}
