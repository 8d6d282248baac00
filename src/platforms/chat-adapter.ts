import type { Alert } from '../domain/alert.js';
import type { Digest } from '../digest/build-digest.js';

/** A message an adapter posted, enough to edit it or reply under it later. */
export interface MessageRef {
  platform: string;
  channelId: string;
  /** Slack `ts`, Discord message id, console sequence number. */
  messageId: string;
}

/**
 * Why a delivery did not happen, sorted once at the edge (see STYLE.md):
 * rate-limited and transient are retried, forbidden and gone (the channel) pause the channel,
 * message-gone (the message to edit or reply under was deleted; the channel is fine) makes an
 * update a new message, bad-payload is a bug in formatting and is not retried.
 */
export type DeliveryFailure = 'rate-limited' | 'forbidden' | 'gone' | 'message-gone' | 'bad-payload' | 'transient';

export type DeliveryOutcome =
  | { ok: true; ref: MessageRef }
  | {
      ok: false;
      reason: DeliveryFailure;
      message: string;
      retryAfterMs?: number;
      /** A platform-wide rate limit (Discord's global 429): every channel of the platform waits. */
      global?: boolean;
    };

export interface PostOptions {
  /** Stable per (alert, channel): lets a platform drop a resend after a crash (Discord nonce, Slack reconcile). */
  idempotencyKey: string;
  /** The subscription's role / user group to mention (platform syntax); the only mention ever sent. */
  mention?: string;
}

/** A platform's posting limit for one channel, honoured by delivery (Slack ≈ 1/s, Discord 5 per 5 s). */
export interface ChannelRateLimit {
  messages: number;
  perMs: number;
}

/** Where an adapter's link to its platform stands; 'failed' is final (credentials refused). */
export type ConnectionState = 'connecting' | 'connected' | 'retrying' | 'failed';

/** The one interface every chat platform implements. Adapters never import each other. */
export interface ChatAdapter {
  readonly platform: string;
  readonly rateLimit: ChannelRateLimit;
  /** Connect (log in, open sockets). Must not throw on an unreachable platform: log and retry instead. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For /readyz. Absent where there is no connection to keep (console, incoming webhooks). */
  connection?(): ConnectionState;
  /** Post a new alert to a channel. */
  postAlert(channelId: string, alert: Alert, options: PostOptions): Promise<DeliveryOutcome>;
  /** Edit an alert posted earlier (e.g. "also reported by …"). */
  updateAlert(ref: MessageRef, alert: Alert, options: PostOptions): Promise<DeliveryOutcome>;
  /** Post under an earlier alert (Slack thread_ts, Discord reply/thread). */
  replyToAlert(ref: MessageRef, alert: Alert, options: PostOptions): Promise<DeliveryOutcome>;
  /**
   * After a crash (or a timeout) between sending and recording: was the message with this
   * idempotency key already posted? Only `found` and `absent` are answers; `unknown` (an error,
   * or a search that could not reach back to `sinceMs`) is never a licence to resend.
   * Absent where the platform cannot be asked (webhooks): a resend there may double.
   */
  findPosted?(query: FindQuery): Promise<FindResult>;
  /** Post a channel's digest with its chart attached as a file (Slack files.uploadV2, a Discord attachment). */
  postDigest?(channelId: string, digest: DigestPost): Promise<DeliveryOutcome>;
}

/** A digest and its chart, ready to post. */
export interface DigestPost {
  digest: Digest;
  chart: { png: Uint8Array; filename: string };
}

export interface FindQuery {
  channelId: string;
  idempotencyKey: string;
  /** Look at messages posted at or after this time (epoch ms). */
  sinceMs: number;
  /** A thread reply is searched under its root (Slack: conversations.replies), not in the channel. */
  threadOf?: MessageRef;
}

export type FindResult =
  | { kind: 'found'; ref: MessageRef }
  | { kind: 'absent' }
  | { kind: 'unknown'; message: string };
