// The one place Discord failures become delivery outcomes (see chat-adapter.ts DeliveryFailure).
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { DeliveryOutcome } from '../chat-adapter.js';

type Failure = Extract<DeliveryOutcome, { ok: false }>;

// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
const GONE_CODES = new Set([10003, 10015]); // Unknown Channel, Unknown Webhook
const FORBIDDEN_CODES = new Set([50001, 50013]); // Missing Access, Missing Permissions
const UNKNOWN_MESSAGE = 10008;

/** Sorts anything a Discord REST call threw into a DeliveryFailure, keeping Discord's words in `message`. */
export function classifyDiscordError(err: unknown, context: string): Failure {
  const fail = (reason: Failure['reason'], detail: string, retryAfterMs?: number, global?: boolean): Failure => ({
    ok: false,
    reason,
    message: `discord: ${context}: ${detail}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(global ? { global } : {}),
  });
  // With rejectOnRateLimit the REST layer throws instead of sleeping; it has already read Retry-After.
  // A global limit (X-RateLimit-Global, or scope "global") holds every channel of the bot, not one route.
  if (err instanceof RateLimitError) {
    const global = err.global || err.scope === 'global';
    return fail('rate-limited', `rate limited on ${err.route}${global ? ' (global)' : ''}`, Math.max(0, Math.ceil(err.retryAfter)), global);
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : undefined;
    const detail = `${err.status} ${code ?? ''} ${err.message}`.replace(/\s+/gu, ' ');
    if (err.status === 429) return fail('rate-limited', detail, retryAfterOf(err), (err.rawError as { global?: unknown }).global === true);
    // The message under an update was deleted: nothing to edit, but the channel is fine (not 'gone').
    if (code === UNKNOWN_MESSAGE) return fail('message-gone', `the earlier message was deleted (${detail})`);
    if ((code !== undefined && GONE_CODES.has(code)) || err.status === 404) return fail('gone', detail);
    if ((code !== undefined && FORBIDDEN_CODES.has(code)) || err.status === 403) return fail('forbidden', detail);
    // A rejected token is the operator's to fix; pausing every channel for it would be wrong.
    if (err.status === 401) return fail('transient', `${detail} (check DISCORD_TOKEN)`);
    return fail('bad-payload', detail);
  }
  if (err instanceof HTTPError) return fail('transient', `${err.status} ${err.message}`);
  return fail('transient', err instanceof Error ? err.message : String(err));
}

function retryAfterOf(err: DiscordAPIError): number | undefined {
  const raw = err.rawError as { retry_after?: unknown };
  return typeof raw.retry_after === 'number' ? Math.ceil(raw.retry_after * 1000) : undefined;
}
