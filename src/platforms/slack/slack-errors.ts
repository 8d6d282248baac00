import type { DeliveryFailure, DeliveryOutcome } from '../chat-adapter.js';

/** The fields of @slack/web-api's coded errors that we read. */
interface SlackApiError {
  code?: string;
  message?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  headers?: Record<string, string>;
}

const BY_ERROR: Record<string, DeliveryFailure> = {
  ratelimited: 'rate-limited',
  rate_limited: 'rate-limited',
  channel_not_found: 'gone',
  is_archived: 'gone',
  not_in_channel: 'forbidden',
  missing_scope: 'forbidden',
  restricted_action: 'forbidden',
  restricted_action_read_only_channel: 'forbidden',
  restricted_action_thread_only_channel: 'forbidden',
  restricted_action_non_threadable_channel: 'forbidden',
  invalid_auth: 'forbidden',
  not_authed: 'forbidden',
  account_inactive: 'forbidden',
  token_revoked: 'forbidden',
  token_expired: 'forbidden',
  no_permission: 'forbidden',
  ekm_access_denied: 'forbidden',
  team_access_not_granted: 'forbidden',
  access_denied: 'forbidden',
  invalid_blocks: 'bad-payload',
  invalid_blocks_format: 'bad-payload',
  msg_too_long: 'bad-payload',
  no_text: 'bad-payload',
  invalid_arguments: 'bad-payload',
  invalid_metadata_format: 'bad-payload',
  invalid_metadata_schema: 'bad-payload',
  metadata_too_large: 'bad-payload',
  too_many_attachments: 'bad-payload',
  // The message we were to edit or reply under was deleted: nothing to retry, nothing to pause.
  message_not_found: 'message-gone',
  thread_not_found: 'message-gone',
  cant_update_message: 'bad-payload',
};

const DEFAULT_RETRY_MS = 1_000;

/**
 * Sorts a WebClient failure once into a DeliveryFailure (see chat-adapter.ts). The client is
 * built with rejectRateLimitedCalls, so a 429 arrives here as RateLimitedError with retryAfter.
 */
export function classifySlackError(method: string, err: unknown): Extract<DeliveryOutcome, { ok: false }> {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SlackApiError;
  const where = `slack ${method}`;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { ok: false, reason: 'rate-limited', message: `${where}: rate limited`, retryAfterMs: secondsToMs(e.retryAfter) };
    case 'slack_webapi_platform_error': {
      const error = e.data?.error ?? 'unknown_error';
      const reason = BY_ERROR[error] ?? 'transient';
      return {
        ok: false,
        reason,
        message: `${where}: ${error}`,
        ...(reason === 'rate-limited' ? { retryAfterMs: DEFAULT_RETRY_MS } : {}),
      };
    }
    case 'slack_webapi_http_error':
      if (e.statusCode === 429) {
        return { ok: false, reason: 'rate-limited', message: `${where}: HTTP 429`, retryAfterMs: secondsToMs(Number(e.headers?.['retry-after'])) };
      }
      return { ok: false, reason: 'transient', message: `${where}: HTTP ${e.statusCode ?? '?'}` };
    default:
      // Network failures (slack_webapi_request_error), timeouts, anything unexpected: try again later.
      return { ok: false, reason: 'transient', message: `${where}: ${e.message ?? String(err)}` };
  }
}

/** The Slack `error` string of a platform error, if it is one. */
export const slackErrorName = (err: unknown): string | undefined =>
  (err as SlackApiError | null)?.code === 'slack_webapi_platform_error' ? (err as SlackApiError).data?.error : undefined;

const secondsToMs = (sec: number | undefined): number =>
  sec !== undefined && Number.isFinite(sec) && sec >= 0 ? Math.ceil(sec * 1000) : DEFAULT_RETRY_MS;
