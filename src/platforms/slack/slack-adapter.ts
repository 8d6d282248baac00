import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorMessage } from '../../errors.js';
import type { CommandHandler } from '../../commands/command-types.js';
import type { Alert } from '../../domain/alert.js';
import type { ChatAdapter, ConnectionState, DeliveryOutcome, DigestPost, FindResult, MessageRef, PostOptions } from '../chat-adapter.js';
import { registerSlashCommand } from './slack-commands.js';
import { classifySlackError, slackErrorName } from './slack-errors.js';
import { ALERT_EVENT_TYPE, alertMetadata, formatAlert, formatReport } from './slack-format.js';
import { formatDigestText } from './slack-digest.js';
import { createBoltLogger } from './slack-log.js';
import { createBoundedReceiver, type ReceiverLimits } from './slack-receiver.js';

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode: Bolt verifies each request's signature and timestamp with it. */
  signingSecret?: string;
  /** Socket Mode (xapp-…): no public URL needed; wins over signingSecret. */
  appToken?: string;
  /** Slack Web API base, e.g. a test fake; Slack's own by default. */
  apiUrl?: string;
  /** HTTP receiver port (0: any free port, see receiverPort). */
  port: number;
  /** Slack user ids who may change subscriptions besides workspace admins and owners. */
  managers: string[];
  onCommand: CommandHandler;
  log: Logger;
  now?: () => number;
  /** Default '/peacewatch'. */
  command?: string;
  /** Default 2000 ms (Slack allows 3 s for the ack). */
  ackBudgetMs?: number;
  /** Body size and timeouts of the HTTP receiver; RECEIVER_LIMITS by default. */
  receiverLimits?: Partial<ReceiverLimits>;
  /** Backoff of the background auth.test retries; default 5 s doubling to 5 min. */
  authRetry?: { baseMs: number; maxMs: number };
}

/** Posting options a caller may add: the subscription's mention (PostOptions carries only the key today). */
export type SlackPostOptions = PostOptions & { mention?: string };

export type SlackAdapter = ChatAdapter & { readonly receiverPort?: number; readonly receiverServer?: Server };

const HISTORY_PAGES = 5;
const HISTORY_PAGE_SIZE = 200;
// Messages that cannot be retried anyway; invalid_auth will not fix itself by waiting.
const FATAL_AUTH = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const log = opts.log.child({ platform: 'slack' });
  const now = opts.now ?? Date.now;
  const boltLogger = createBoltLogger(log, [opts.botToken, opts.signingSecret, opts.appToken], now);
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    // A 429 comes back to delivery as rate-limited; the outbox waits, not this client.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger,
  };
  const web = new webApi.WebClient(opts.botToken, clientOptions);
  let identity: { botId?: string; botUserId?: string } = {};

  const httpReceiver =
    !opts.appToken && opts.signingSecret
      ? createBoundedReceiver(new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: '/slack/events', logger: boltLogger }), {
          log,
          now,
          ...(opts.receiverLimits ? { limits: opts.receiverLimits } : {}),
        })
      : undefined;
  const receiver: Receiver | undefined = opts.appToken ? new SocketModeReceiver({ appToken: opts.appToken, logger: boltLogger }) : httpReceiver;
  // `authorize` instead of `token`: Bolt would otherwise call auth.test in its constructor (or per request).
  const app = receiver
    ? new App({ receiver, logger: boltLogger, clientOptions, authorize: async () => ({ botToken: opts.botToken, ...identity }) })
    : undefined;
  if (app) {
    registerSlashCommand(app, {
      command: opts.command ?? '/peacewatch',
      web,
      managers: opts.managers,
      onCommand: opts.onCommand,
      log,
      now,
      ackBudgetMs: opts.ackBudgetMs ?? 2_000,
    });
    app.error(async (err) => {
      log.error({ err: err.message }, 'slack: unhandled error in a listener');
    });
  }

  const retry = { baseMs: opts.authRetry?.baseMs ?? 5_000, maxMs: opts.authRetry?.maxMs ?? 5 * 60_000 };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let receiverPort: number | undefined;
  let receiverStarted = false;
  let connection: ConnectionState = 'connecting';

  /** Background retries with backoff: Slack being away never stops the poller. */
  function keepTrying(what: string, attempt: (n: number) => Promise<boolean>): Promise<void> {
    let n = 0;
    const tryOnce = async (): Promise<void> => {
      if (stopped) return;
      const done = await attempt(n);
      if (done || stopped) return;
      const delay = Math.min(retry.maxMs, retry.baseMs * 2 ** n++);
      timer = setTimeout(() => void tryOnce(), delay);
      timer.unref();
      log.debug({ what, delayMs: delay }, 'slack: will retry');
    };
    return tryOnce();
  }

  const verifyToken = (n: number): Promise<boolean> =>
    web.auth.test().then(
      (res) => {
        connection = 'connected';
        identity = { ...(res.bot_id ? { botId: res.bot_id } : {}), ...(res.user_id ? { botUserId: res.user_id } : {}) };
        log.info({ team: res.team_id, botUser: res.user_id }, n === 0 ? 'slack: connected' : 'slack: connected after retrying');
        return true;
      },
      (err: unknown) => {
        const name = slackErrorName(err);
        if (name && FATAL_AUTH.has(name)) {
          connection = 'failed';
          log.error({ error: name }, 'slack: the bot token was refused; alerts to Slack will fail until it is fixed');
          return true;
        }
        connection = 'retrying';
        if (n === 0) log.warn({ err: classifySlackError('auth.test', err).message }, 'slack: unreachable; retrying in the background');
        return false;
      },
    );

  const startSocketMode = (n: number): Promise<boolean> =>
    app!.start().then(
      async () => {
        receiverStarted = true;
        // stop() ran while we were connecting: close what just opened.
        if (stopped) await stopReceiver();
        else log.info('slack: socket mode connected');
        return true;
      },
      (err: unknown) => {
        if (n === 0) log.warn({ err: errorMessage(err) }, 'slack: socket mode failed to connect; retrying in the background');
        return false;
      },
    );

  async function stopReceiver(): Promise<void> {
    if (!app || !receiverStarted) return;
    receiverStarted = false;
    await app.stop().catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'slack: error while stopping'));
  }

  async function post(method: 'chat.postMessage' | 'chat.update', call: () => Promise<{ ts?: string; channel?: string }>, channelId: string): Promise<DeliveryOutcome> {
    try {
      const res = await call();
      return { ok: true, ref: { platform: 'slack', channelId: res.channel ?? channelId, messageId: res.ts ?? '' } };
    } catch (err) {
      return classifySlackError(method, err);
    }
  }

  const postAlert = (channelId: string, alert: Alert, options: SlackPostOptions): Promise<DeliveryOutcome> => {
    const message = formatAlert(alert, { mention: options.mention });
    return post('chat.postMessage', () =>
      web.chat.postMessage({ channel: channelId, ...message, metadata: alertMetadata(options.idempotencyKey), unfurl_links: false, unfurl_media: false }),
    channelId);
  };

  return {
    platform: 'slack',
    rateLimit: { messages: 1, perMs: 1_000 },
    get receiverPort() {
      return receiverPort;
    },
    get receiverServer() {
      return httpReceiver?.server;
    },
    async start() {
      stopped = false;
      if (!app) log.warn('slack: no signing secret or app token; posting alerts only, /peacewatch is off');
      else if (httpReceiver) {
        // A port in use is a local mistake worth failing on; Slack being unreachable is not.
        await app.start(opts.port);
        receiverStarted = true;
        receiverPort = httpReceiver.port ?? opts.port;
        log.info({ port: receiverPort, path: '/slack/events' }, 'slack: listening for slash commands');
      } else void keepTrying('socket mode', startSocketMode);
      await keepTrying('auth.test', verifyToken);
    },
    connection: () => connection,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await stopReceiver();
    },
    postAlert,
    updateAlert(ref: MessageRef, alert: Alert, options: SlackPostOptions) {
      const message = formatAlert(alert, { mention: options.mention });
      return post('chat.update', () => web.chat.update({ channel: ref.channelId, ts: ref.messageId, ...message }), ref.channelId);
    },
    async replyToAlert(ref: MessageRef, alert: Alert, options: SlackPostOptions) {
      const message = formatReport(alert);
      const outcome = await post('chat.postMessage', () =>
        web.chat.postMessage({ channel: ref.channelId, thread_ts: ref.messageId, ...message, metadata: alertMetadata(options.idempotencyKey), unfurl_links: false }),
      ref.channelId);
      // The root alert was deleted: the report still deserves to be seen, as a new alert.
      if (!outcome.ok && outcome.reason === 'message-gone') return postAlert(ref.channelId, alert, options);
      return outcome;
    },
    async postDigest(channelId: string, { digest, chart }: DigestPost): Promise<DeliveryOutcome> {
      try {
        // files.uploadV2: getUploadURLExternal, the bytes to that URL, completeUploadExternal into the channel.
        const res = await web.filesUploadV2({
          channel_id: channelId,
          file: Buffer.from(chart.png),
          filename: chart.filename,
          title: `peacewatch ${digest.cadence} digest`,
          alt_text: 'Reports per day by language',
          initial_comment: formatDigestText(digest),
        });
        const uploaded = (res.files as Array<{ files?: Array<{ id?: string }> }> | undefined)?.[0]?.files?.[0]?.id ?? '';
        return { ok: true, ref: { platform: 'slack', channelId, messageId: uploaded } };
      } catch (err) {
        return classifySlackError('files.uploadV2', err);
      }
    },
    async findPosted({ channelId, idempotencyKey, sinceMs, threadOf }) {
      const oldest = (sinceMs / 1000).toFixed(6);
      const isOurs = (m: SlackHistoryMessage) =>
        m.metadata?.event_type === ALERT_EVENT_TYPE && (m.metadata.event_payload as { key?: unknown } | undefined)?.key === idempotencyKey;
      const inChannel = () =>
        search(channelId, isOurs, 'conversations.history', (cursor) =>
          web.conversations.history({ channel: channelId, oldest, include_all_metadata: true, limit: HISTORY_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
        );
      if (!threadOf) return inChannel();
      // A reply lives in its root's thread, which conversations.history does not show.
      const inThread = await search(channelId, isOurs, 'conversations.replies', (cursor) =>
        web.conversations.replies({ channel: channelId, ts: threadOf.messageId, oldest, include_all_metadata: true, limit: HISTORY_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      );
      // The root was deleted: replyToAlert then posted the report as a new message in the channel.
      return inThread.kind === 'unknown' && inThread.message.endsWith('thread_not_found') ? inChannel() : inThread;
    },
  };

  /**
   * Pages through a conversation (newest first, from `oldest` on) for a message of ours. Only a
   * search that reached its end is an answer; an error or running out of pages is unknown.
   */
  async function search(
    channelId: string,
    isOurs: (m: SlackHistoryMessage) => boolean,
    method: 'conversations.history' | 'conversations.replies',
    page: (cursor: string | undefined) => Promise<{ messages?: SlackHistoryMessage[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }>,
  ): Promise<FindResult> {
    let cursor: string | undefined;
    try {
      for (let n = 0; n < HISTORY_PAGES; n++) {
        const res = await page(cursor);
        const hit = res.messages?.find(isOurs);
        if (hit?.ts) return { kind: 'found', ref: { platform: 'slack', channelId, messageId: hit.ts } };
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more) return { kind: 'absent' };
        // More messages and no way to reach them: not knowing is not "absent".
        if (!cursor) break;
      }
      const message = `slack ${method}: searched ${HISTORY_PAGES} pages without reaching back far enough`;
      log.warn({ channel: channelId }, `slack: cannot tell whether an alert was posted: ${message}`);
      return { kind: 'unknown', message };
    } catch (err) {
      const message = classifySlackError(method, err).message;
      log.warn({ channel: channelId, err: message }, 'slack: cannot tell whether an alert was posted');
      return { kind: 'unknown', message };
    }
  }
}

/** The fields of a history or thread message that reconciliation reads. */
interface SlackHistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: unknown };
}
