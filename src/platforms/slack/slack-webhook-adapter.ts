import type { Logger } from 'pino';
import type { Alert } from '../../domain/alert.js';
import type { ChatAdapter, DeliveryFailure, DeliveryOutcome, MessageRef } from '../chat-adapter.js';
import type { SlackPostOptions } from './slack-adapter.js';
import { formatAlert, formatReport, type SlackMessage } from './slack-format.js';
import { errorMessage, errorName } from '../../errors.js';

/**
 * Alerts-only Slack: incoming webhooks, one per channel, named in config. A webhook cannot
 * edit or thread, so updates are skipped and later reports are posted as their own message.
 * Webhook URLs are credentials: only their names are ever logged.
 */
export function createSlackWebhookAdapter(opts: { webhooks: Record<string, string>; log: Logger; timeoutMs?: number }): ChatAdapter {
  const log = opts.log.child({ platform: 'slack-webhook' });
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function send(name: string, message: SlackMessage, key: string): Promise<DeliveryOutcome> {
    const url = Object.hasOwn(opts.webhooks, name) ? opts.webhooks[name] : undefined;
    if (!url) return { ok: false, reason: 'gone', message: `slack webhook ${name}: not configured` };
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ ...message, unfurl_links: false, unfurl_media: false }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, reason: 'transient', message: `slack webhook ${name}: ${errorName(err) === 'TimeoutError' ? 'timeout' : errorMessage(err)}` };
    }
    const body = (await res.text().catch(() => '')).trim().slice(0, 100);
    if (res.ok) return { ok: true, ref: { platform: 'slack-webhook', channelId: name, messageId: key } };
    const reason = classifyWebhookFailure(res.status, body);
    return {
      ok: false,
      reason,
      message: `slack webhook ${name}: HTTP ${res.status}${body ? ` ${body}` : ''}`,
      ...(reason === 'rate-limited' ? { retryAfterMs: retryAfterMs(res.headers.get('retry-after')) } : {}),
    };
  }

  return {
    platform: 'slack-webhook',
    rateLimit: { messages: 1, perMs: 1_000 },
    start: async () => {
      log.info({ webhooks: Object.keys(opts.webhooks) }, 'slack webhooks ready');
    },
    stop: async () => {},
    postAlert: (channelId, alert: Alert, options: SlackPostOptions) =>
      send(channelId, formatAlert(alert, { mention: options.mention }), options.idempotencyKey),
    // Nothing to edit through a webhook; the thread reply below carries the news instead.
    updateAlert: async (ref: MessageRef) => ({ ok: true, ref }),
    replyToAlert: (ref, alert, options) => send(ref.channelId, formatReport(alert), options.idempotencyKey),
  };
}

/** Slack answers webhooks with a status and a short error word (api.slack.com/messaging/webhooks#handling_errors). */
export function classifyWebhookFailure(status: number, body: string): DeliveryFailure {
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'transient';
  if (/channel_is_archived|channel_not_found|no_service|no_active_hooks|team_disabled/u.test(body) || status === 404 || status === 410) return 'gone';
  if (/action_prohibited|invalid_token|posting_to_general_channel_denied|no_team/u.test(body) || status === 403 || status === 401) return 'forbidden';
  if (status === 400 || status === 413) return 'bad-payload';
  return 'transient';
}

function retryAfterMs(header: string | null): number {
  const sec = Number(header);
  return Number.isFinite(sec) && sec >= 0 ? Math.ceil(sec * 1000) : 1_000;
}
