// Discord through incoming webhooks: alerts only (no bot, no gateway, no slash commands).
// A channel id is the webhook's configured name; the URL (which holds its secret token) stays here.
import { REST, Routes } from 'discord.js';
import type { APIEmbed, APIMessage } from 'discord.js';
import type { Logger } from 'pino';
import type { Alert } from '../../domain/alert.js';
import type { ChatAdapter, DeliveryOutcome, MessageRef } from '../chat-adapter.js';
import { classifyDiscordError } from './discord-errors.js';
import { formatAlertMessage, withReportedBy } from './discord-format.js';
import type { DiscordPostOptions } from './discord-adapter.js';

export interface DiscordWebhookAdapterOptions {
  /** Name → webhook URL (https://discord.com/api/webhooks/{id}/{token}). */
  webhooks: Record<string, string>;
  log: Logger;
}

interface Webhook { rest: REST; id: string; token: string }

import { DISCORD_WEBHOOK_EXPECTED, DISCORD_WEBHOOK_URL } from '../../text/url-checks.js';

const PLATFORM = 'discord-webhook';

/** Splits a webhook URL into its REST base, id and token; throws on anything else (a config mistake). */
export function parseWebhookUrl(url: string): { api: string; id: string; token: string } {
  const m = DISCORD_WEBHOOK_URL.exec(url.trim());
  // `check` and the config loader reject other shapes first; reaching this is a bug.
  if (!m) throw new Error(`discord-webhook: ${DISCORD_WEBHOOK_EXPECTED}`);
  return { api: m[1]!, id: m[2]!, token: m[3]! };
}

export function createDiscordWebhookAdapter(opts: DiscordWebhookAdapterOptions): ChatAdapter {
  const log = opts.log.child({ platform: PLATFORM });
  const rests = new Map<string, REST>();
  const hooks = new Map<string, Webhook>();
  for (const [name, url] of Object.entries(opts.webhooks)) {
    const { api, id, token } = parseWebhookUrl(url);
    // One REST manager per host so rate-limit buckets are shared, each rejecting instead of sleeping on a 429.
    // retries: 0, since a webhook carries no idempotency key: a hidden resend after a 5xx that landed doubles.
    const rest = rests.get(api) ?? new REST({ api, rejectOnRateLimit: () => true, retries: 0 });
    rests.set(api, rest);
    hooks.set(name, { rest, id, token });
  }

  function hookFor(name: string): Webhook | DeliveryOutcome {
    return hooks.get(name) ?? { ok: false, reason: 'gone', message: `discord-webhook: no webhook named ${JSON.stringify(name)} is configured` };
  }

  async function execute(name: string, alert: Alert, options: DiscordPostOptions, what: string): Promise<DeliveryOutcome> {
    const hook = hookFor(name);
    if ('ok' in hook) return hook;
    const { content, embeds, allowed_mentions } = formatAlertMessage(alert, { mention: options.mention });
    try {
      // wait=true: Discord answers with the message, whose id later edits need. (Webhooks take no nonce.)
      const message = (await hook.rest.post(Routes.webhook(hook.id, hook.token), {
        body: { ...(content ? { content } : {}), embeds, allowed_mentions },
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
      })) as APIMessage;
      return { ok: true, ref: { platform: PLATFORM, channelId: name, messageId: message.id } };
    } catch (err) {
      return classifyAndLog(err, `${what} via ${name}`);
    }
  }

  function classifyAndLog(err: unknown, what: string): DeliveryOutcome {
    const outcome = classifyDiscordError(err, what);
    log.debug({ reason: outcome.reason }, outcome.message);
    return outcome;
  }

  return {
    platform: PLATFORM,
    // Webhooks share the channel's 5-per-5-seconds bucket.
    rateLimit: { messages: 5, perMs: 5_000 },
    start: async () => {},
    stop: async () => {},
    postAlert: (name, alert, options: DiscordPostOptions) => execute(name, alert, options, 'post alert'),
    // Webhooks cannot reply to a message; a later report becomes its own message in the channel.
    replyToAlert: (ref: MessageRef, alert, options: DiscordPostOptions) => execute(ref.channelId, alert, options, 'post update'),
    async updateAlert(ref, alert) {
      const hook = hookFor(ref.channelId);
      if ('ok' in hook) return hook;
      try {
        const route = Routes.webhookMessage(hook.id, hook.token, ref.messageId);
        const current = (await hook.rest.get(route, { auth: false })) as APIMessage;
        const [root, ...others] = current.embeds as APIEmbed[];
        if (!root) return { ok: false, reason: 'bad-payload', message: `discord-webhook: message ${ref.messageId} has no embed to update` };
        await hook.rest.patch(route, { body: { embeds: [withReportedBy(root, alert.reportedBy), ...others], allowed_mentions: { parse: [] } }, auth: false });
        return { ok: true, ref };
      } catch (err) {
        return classifyAndLog(err, `update alert via ${ref.channelId}`);
      }
    },
  };
}
