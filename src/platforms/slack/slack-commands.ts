import type { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorMessage } from '../../errors.js';
import { requiresManager } from '../../commands/command-handler.js';
import { UserError, type CommandHandler, type CommandReply } from '../../commands/command-types.js';
import { parseCommandText } from '../../commands/parse-command.js';
import { formatReply } from './slack-format.js';

export interface SlashCommandOptions {
  /** The slash command as registered in the manifest. */
  command: string;
  web: webApi.WebClient;
  managers: readonly string[];
  onCommand: CommandHandler;
  log: Logger;
  now: () => number;
  /** Answer inside the ack when the reply is ready this fast; otherwise ack empty and use response_url. */
  ackBudgetMs: number;
}

const ADMIN_CACHE_MS = 10 * 60_000;

/** Admins and owners per users.info, remembered ~10 min so a burst of commands costs one call. */
export function createManagerCheck(opts: Pick<SlashCommandOptions, 'web' | 'managers' | 'log' | 'now'>) {
  const cache = new Map<string, { isManager: boolean; until: number }>();
  return async (userId: string): Promise<boolean> => {
    if (opts.managers.includes(userId)) return true;
    const hit = cache.get(userId);
    if (hit && hit.until > opts.now()) return hit.isManager;
    try {
      const res = await opts.web.users.info({ user: userId });
      const user = res.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
      const isManager = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      cache.set(userId, { isManager, until: opts.now() + ADMIN_CACHE_MS });
      return isManager;
    } catch (err) {
      // Not cached: the next command asks again.
      opts.log.warn({ user: userId, err: errorMessage(err) }, 'slack: users.info failed; treating user as not a manager');
      return false;
    }
  };
}

interface SlashBody {
  text: string;
  user_id: string;
  channel_id: string;
}

/** Registers `/peacewatch`: parse, check permission when it matters, run the neutral handler, reply ephemerally. */
export function registerSlashCommand(app: App, opts: SlashCommandOptions): void {
  const isManager = createManagerCheck(opts);

  async function answer(body: SlashBody): Promise<CommandReply> {
    let command;
    try {
      command = parseCommandText(body.text ?? '');
    } catch (err) {
      if (err instanceof UserError) return { text: err.message, isError: true };
      throw err;
    }
    const canManageChannel = requiresManager(command) ? await isManager(body.user_id) : false;
    opts.log.info({ channel: body.channel_id, user: body.user_id, command: command.name }, 'slack: command');
    return opts.onCommand(command, { channel: { platform: 'slack', id: body.channel_id }, userId: body.user_id, canManageChannel });
  }

  const safeAnswer = (body: SlashBody): Promise<CommandReply> =>
    answer(body).catch((err: unknown) => {
      opts.log.error({ channel: body.channel_id, err: errorMessage(err) }, 'slack: command failed');
      return { text: 'Something went wrong on our side. Please try again in a minute.', isError: true };
    });

  app.command(opts.command, async ({ command, ack, respond }) => {
    const work = safeAnswer(command);
    // Slack wants an ack within 3 s: answer in it when we can, else follow up through response_url.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, opts.ackBudgetMs, undefined);
    });
    const early = await Promise.race([work, late]);
    clearTimeout(timer);
    if (early) {
      await ack({ response_type: 'ephemeral', text: formatReply(early) });
      return;
    }
    await ack();
    const reply = await work;
    try {
      await respond({ response_type: 'ephemeral', text: formatReply(reply) });
    } catch (err) {
      opts.log.warn({ channel: command.channel_id, err: errorMessage(err) }, 'slack: could not send the command reply');
    }
  });
}
