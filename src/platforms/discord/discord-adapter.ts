// Discord as a ChatAdapter: a discord.js Client for the gateway (slash commands), its REST
// manager for alerts. Alerts go straight to the REST routes so an uncached channel (or a gateway
// that is still reconnecting) never stops a delivery.
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { APIEmbed, APIMessage } from 'discord.js';
import type { Logger } from 'pino';
import type { Alert } from '../../domain/alert.js';
import type { CommandHandler } from '../../commands/command-types.js';
import type { ChatAdapter, ConnectionState, DeliveryOutcome, DigestPost, FindQuery, FindResult, MessageRef, PostOptions } from '../chat-adapter.js';
import { formatDigestMessage } from './discord-digest.js';
import { classifyDiscordError } from './discord-errors.js';
import { formatAlertMessage, nonceFor, withReportedBy } from './discord-format.js';
import { createInteractionListener } from './discord-interactions.js';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** REST base (".../api"); discord.js finds the gateway from GET /gateway/bot. For tests and proxies. */
  apiUrl?: string;
  onCommand: CommandHandler;
  topicChoices: () => Array<{ id: string; name: string }>;
  log: Logger;
  /** Backoff between login attempts while Discord is unreachable. */
  loginRetry?: { initialMs: number; maxMs: number };
  /** Defer a command reply when the handler takes longer than this (Discord allows 3 s). */
  deferAfterMs?: number;
}

/**
 * PostOptions plus the subscription's mention (a role id or `<@&id>`), which is the only thing an
 * alert may ping. Until PostOptions carries it, delivery passes it here.
 */
export interface DiscordPostOptions extends PostOptions {
  mention?: string;
}

const PLATFORM = 'discord';
const HISTORY_PAGES = 5;
const HISTORY_PAGE_SIZE = 100;
const DISCORD_EPOCH = 1_420_070_400_000n;

/** When a message was created, from its snowflake id. */
const snowflakeTime = (id: string): number => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

/**
 * The alert's key, where a reader does not see it: a fragment on the headline's link (hover only;
 * the article's server never receives it), or, for an alert without a link, a short footer tag.
 */
const markerOf = (nonce: string) => `pw-${nonce}`;

function withMarker(embeds: APIEmbed[], nonce: string): APIEmbed[] {
  const [first, ...rest] = embeds;
  if (!first) return embeds;
  const marked: APIEmbed = first.url
    ? { ...first, url: `${first.url.split('#')[0]}#${markerOf(nonce)}` }
    : { ...first, footer: { ...first.footer, text: `${first.footer?.text ?? 'peacewatch'} · ${markerOf(nonce)}` } };
  return [marked, ...rest];
}

function hasMarker(embeds: APIEmbed[] | undefined, nonce: string): boolean {
  const first = embeds?.[0];
  const marker = markerOf(nonce);
  return first?.url?.endsWith(`#${marker}`) === true || first?.footer?.text?.endsWith(` · ${marker}`) === true;
}

export function createDiscordAdapter(opts: DiscordAdapterOptions): ChatAdapter {
  const log = opts.log.child({ platform: PLATFORM });
  const retry = opts.loginRetry ?? { initialMs: 5_000, maxMs: 300_000 };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Feed text must never ping anyone; messages that mention a role widen this per message.
    allowedMentions: { parse: [] },
    rest: {
      ...(opts.apiUrl ? { api: opts.apiUrl } : {}),
      // A 429 becomes a rate-limited outcome for delivery to schedule, instead of a sleep in here.
      rejectOnRateLimit: () => true,
      // No hidden resends: a 5xx or a timeout may have posted; the outbox looks (findPosted) before it resends.
      retries: 0,
    },
  });
  // REST works without the gateway: set the token now so alerts can go out before login succeeds.
  client.rest.setToken(opts.token);
  client.on(Events.InteractionCreate, createInteractionListener({ ...opts, log, deferAfterMs: opts.deferAfterMs ?? 2_000 }));
  client.on(Events.Error, (err) => log.error({ err }, 'discord: client error'));
  let connection: ConnectionState = 'connecting';
  client.once(Events.ClientReady, (c) => {
    connection = 'connected';
    log.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'discord: connected');
  });

  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let warned = false;

  async function login(delayMs: number): Promise<void> {
    try {
      await client.login(opts.token);
      if (warned) log.info('discord: logged in after earlier failures');
    } catch (err) {
      // login() destroys the client on failure, which also clears the REST token.
      client.rest.setToken(opts.token);
      if (stopped) return;
      if (isTokenRejected(err)) {
        connection = 'failed';
        log.error({ err: describe(err) }, 'discord: the bot token was rejected (DISCORD_TOKEN); slash commands are off until restart');
        return;
      }
      connection = 'retrying';
      const level = warned ? 'debug' : 'warn';
      warned = true;
      log[level]({ err: describe(err), retryInMs: delayMs }, 'discord: cannot reach Discord, retrying in the background');
      retryTimer = setTimeout(() => void login(Math.min(delayMs * 2, retry.maxMs)), delayMs);
      retryTimer.unref();
    }
  }

  async function send(channelId: string, body: Record<string, unknown>, what: string): Promise<DeliveryOutcome> {
    try {
      const message = (await client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      return { ok: true, ref: { platform: PLATFORM, channelId, messageId: message.id } };
    } catch (err) {
      return failure(err, what, channelId);
    }
  }

  function failure(err: unknown, what: string, channelId: string): DeliveryOutcome {
    const outcome = classifyDiscordError(err, `${what} in ${channelId}`);
    log.debug({ channelId, reason: outcome.reason }, outcome.message);
    return outcome;
  }

  function messageBody(alert: Alert, options: DiscordPostOptions): Record<string, unknown> {
    const { content, embeds, allowed_mentions } = formatAlertMessage(alert, { mention: options.mention });
    const nonce = nonceFor(options.idempotencyKey);
    // enforce_nonce: a resend with the same nonce within a few minutes returns the message already posted;
    // the marker lets findPosted recognise it later, since Discord does not keep the nonce.
    return { ...(content ? { content } : {}), embeds: withMarker(embeds, nonce), allowed_mentions, nonce, enforce_nonce: true };
  }

  /** Our recent messages in the channel, newest first, back to `sinceMs`: only a search that got there is an answer. */
  async function findPosted({ channelId, idempotencyKey, sinceMs }: FindQuery): Promise<FindResult> {
    const nonce = nonceFor(idempotencyKey);
    let before: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(HISTORY_PAGE_SIZE), ...(before ? { before } : {}) });
        const batch = (await client.rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const hit = batch.find((m) => hasMarker(m.embeds, nonce));
        if (hit) return { kind: 'found', ref: { platform: PLATFORM, channelId, messageId: hit.id } };
        const oldest = batch.at(-1);
        if (batch.length < HISTORY_PAGE_SIZE || !oldest || snowflakeTime(oldest.id) < sinceMs) return { kind: 'absent' };
        before = oldest.id;
      }
      const message = `discord: read ${HISTORY_PAGES * HISTORY_PAGE_SIZE} messages in ${channelId} without reaching back far enough`;
      log.warn({ channelId }, `discord: cannot tell whether an alert was posted: ${message}`);
      return { kind: 'unknown', message };
    } catch (err) {
      const { message } = classifyDiscordError(err, `read messages in ${channelId}`);
      log.warn({ channelId, err: message }, 'discord: cannot tell whether an alert was posted');
      return { kind: 'unknown', message };
    }
  }

  return {
    platform: PLATFORM,
    // Discord's per-channel message bucket.
    rateLimit: { messages: 5, perMs: 5_000 },
    async start() {
      stopped = false;
      await login(retry.initialMs);
    },
    connection: () => connection,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await client.destroy();
    },
    postAlert: (channelId, alert, options: DiscordPostOptions) => send(channelId, messageBody(alert, options), 'post alert'),
    findPosted,
    replyToAlert: (ref: MessageRef, alert, options: DiscordPostOptions) =>
      send(ref.channelId, {
        ...messageBody(alert, options),
        // A deleted root message turns the reply into a plain message rather than an error.
        message_reference: { message_id: ref.messageId, channel_id: ref.channelId, fail_if_not_exists: false },
      }, 'reply to alert'),
    async postDigest(channelId: string, { digest, chart }: DigestPost): Promise<DeliveryOutcome> {
      // A message link needs the guild, known once the gateway has cached the channel; else the article is linked.
      const cached = client.channels.cache.get(channelId);
      const guildId = cached && 'guildId' in cached ? cached.guildId : undefined;
      const messageUrl = (ref: MessageRef) => (guildId ? `https://discord.com/channels/${guildId}/${ref.channelId}/${ref.messageId}` : undefined);
      try {
        const message = (await client.rest.post(Routes.channelMessages(channelId), {
          body: formatDigestMessage(digest, chart.filename, messageUrl),
          files: [{ name: chart.filename, data: Buffer.from(chart.png), contentType: 'image/png' }],
        })) as APIMessage;
        return { ok: true, ref: { platform: PLATFORM, channelId, messageId: message.id } };
      } catch (err) {
        return failure(err, 'post digest', channelId);
      }
    },
    async updateAlert(ref, alert) {
      try {
        // The root embed is edited in place, so read it back rather than rebuild it from this later report.
        const route = Routes.channelMessage(ref.channelId, ref.messageId);
        const current = (await client.rest.get(route)) as APIMessage;
        const [root, ...others] = current.embeds as APIEmbed[];
        if (!root) return { ok: false, reason: 'bad-payload', message: `discord: message ${ref.messageId} has no embed to update` };
        const body = { embeds: [withReportedBy(root, alert.reportedBy), ...others], allowed_mentions: { parse: [] } };
        await client.rest.patch(route, { body });
        return { ok: true, ref };
      } catch (err) {
        return failure(err, 'update alert', ref.channelId);
      }
    },
  };
}

function isTokenRejected(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'TokenInvalid' || (err as { status?: unknown } | null)?.status === 401;
}

// Log the reason, never the request (whose headers carry the token).
function describe(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}
