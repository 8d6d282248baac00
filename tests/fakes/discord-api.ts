// A loopback fake of Discord's REST API and gateway: a real HTTP server for @discordjs/rest
// (`rest: { api: fake.restUrl }`) and a real WebSocket gateway that GET /gateway/bot points
// discord.js at. It records every call and keeps what the bot posted so tests assert on the wire.
// Only the routes peacewatch uses exist; validation mirrors Discord's documented limits.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export const DEFAULT_GUILD_ID = '1100000000000000001';
export const DEFAULT_CHANNEL_ID = '1100000000000000010';
export const DEFAULT_APPLICATION_ID = '1100000000000000100';
export const DEFAULT_BOT_USER_ID = DEFAULT_APPLICATION_ID;
export const DEFAULT_MEMBER_ID = '1100000000000001000';
const DISCORD_EPOCH = 1_420_070_400_000n;

// VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS
export const BOT_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 35n) | (1n << 38n));
export const MANAGE_GUILD = String(1n << 5n);
export const ADMINISTRATOR = String(1n << 3n);

export interface DiscordCall {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The file parts of a multipart/form-data request (attachments), byte for byte. */
  files?: DiscordFilePart[];
  headers: IncomingHttpHeaders;
  at: number;
}

export interface DiscordFilePart {
  /** The form field, e.g. "files[0]". */
  field: string;
  filename: string;
  contentType?: string;
  data: Buffer;
}

export interface DiscordEdit { content?: string; embeds?: unknown[]; at: number }

export interface DiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  allowed_mentions?: unknown;
  message_reference?: { message_id?: string; channel_id?: string; guild_id?: string; fail_if_not_exists?: boolean };
  nonce?: string | number;
  enforce_nonce?: boolean;
  flags: number;
  author_id: string;
  webhook_id?: string;
  thread_id?: string;
  created_at: number;
  edits: DiscordEdit[];
}

export interface FakeChannel { id: string; name: string; type?: number; parent_id?: string; missingAccess?: boolean }
export interface FakeMember { id: string; username?: string; roles?: string[] }
export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  roles?: Array<{ id: string; name: string; permissions: string }>;
  members?: FakeMember[];
}

export interface InteractionResponseRecord {
  kind: 'callback' | 'edit-original' | 'followup';
  interactionId: string;
  token: string;
  /** Callback type (4 message, 5 deferred, …) for `callback`. */
  type?: number;
  data: Record<string, unknown> | undefined;
  at: number;
}

export interface CommandRecord { id: string; name: string; [key: string]: unknown }

export interface DiscordFailure {
  status: 429 | 500 | 403 | 404 | 400;
  retryAfterSec?: number;
  global?: boolean;
  /** Discord JSON error code, e.g. 10003 Unknown Channel, 50001 Missing Access. */
  code?: number;
  message?: string;
  times?: number;
  /** The request is carried out (the message lands), and then this failure is the answer. */
  afterLanding?: boolean;
}

export type RouteMatcher = string | RegExp | ((call: DiscordCall) => boolean);

export interface FakeDiscordOptions {
  /** When set, REST calls with another bot token get 401 and IDENTIFY with another token is closed with 4004. */
  token?: string;
  applicationId?: string;
  botUser?: { id: string; username: string };
  guilds?: FakeGuild[];
  /** Incoming webhooks for POST /webhooks/:id/:token. */
  webhooks?: Array<{ id: string; token: string; channelId: string }>;
  heartbeatIntervalMs?: number;
  /** How long a nonce with enforce_nonce returns the earlier message (Discord: "the past few minutes"). */
  nonceWindowMs?: number;
  now?: () => number;
}

export interface FakeDiscord {
  restUrl: string;
  gatewayUrl: string;
  calls: DiscordCall[];
  messages: Map<string, DiscordMessage[]>;
  channels: Map<string, FakeChannel & { guild_id?: string }>;
  interactionResponses: InteractionResponseRecord[];
  registeredCommands: { global: CommandRecord[]; guilds: Map<string, CommandRecord[]> };
  /** IDENTIFY payloads received on the gateway. */
  identifies: Array<Record<string, unknown>>;
  failNext(route: RouteMatcher, failure: DiscordFailure): void;
  setRateLimit(limit: { perChannel: number; windowMs: number } | null): void;
  /** A user deletes a message: later reads, edits and webhook edits of it answer 10008 Unknown Message. */
  deleteMessage(channelId: string, id: string): void;
  /** Sends a dispatch (op 0) to every identified gateway session. */
  dispatch(t: string, d: unknown): void;
  dispatchInteraction(payload: Record<string, unknown>): void;
  /** Resolves with the first call (past or future) matching, or rejects after timeoutMs. */
  waitForCall(route: RouteMatcher, timeoutMs?: number): Promise<DiscordCall>;
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
interface Ctx { params: string[]; body: Record<string, unknown>; query: URLSearchParams }
type Route = [method: string, pattern: RegExp, handler: (ctx: Ctx) => Answer];

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const now = opts.now ?? Date.now;
  const applicationId = opts.applicationId ?? DEFAULT_APPLICATION_ID;
  const botUser = { id: DEFAULT_BOT_USER_ID, username: 'peacewatch', ...opts.botUser };
  const guilds = opts.guilds ?? [defaultGuild()];
  const nonceWindowMs = opts.nonceWindowMs ?? 5 * 60_000;
  const calls: DiscordCall[] = [];
  const messages = new Map<string, DiscordMessage[]>();
  const channels = new Map<string, FakeChannel & { guild_id?: string }>();
  for (const g of guilds) for (const c of g.channels) channels.set(c.id, { ...c, guild_id: g.id });
  const interactionResponses: InteractionResponseRecord[] = [];
  const registeredCommands = { global: [] as CommandRecord[], guilds: new Map<string, CommandRecord[]>() };
  const identifies: Array<Record<string, unknown>> = [];
  const failures: Array<{ route: RouteMatcher; failure: DiscordFailure; left: number }> = [];
  const waiters: Array<{ route: RouteMatcher; resolve: (c: DiscordCall) => void }> = [];
  // Interactions we dispatched, by token: their callback state and @original message.
  const interactions = new Map<string, { id: string; channelId: string; acked: boolean; original?: DiscordMessage }>();
  let rateLimit: { perChannel: number; windowMs: number } | null = null;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let seq = 0n;

  function snowflake(): string {
    return String(((BigInt(now()) - DISCORD_EPOCH) << 22n) | (seq++ & 0xfffn));
  }

  const json = (status: number, body?: unknown, headers?: Record<string, string>): Answer => ({ status, body, headers: headers ?? {} });
  const error = (status: number, code: number, message: string, errors?: unknown): Answer =>
    json(status, { message, code, ...(errors ? { errors } : {}) });
  const unknownChannel = (): Answer => error(404, 10003, 'Unknown Channel');

  // Discord does not keep a nonce: it is echoed in the answer to the create, never read back later.
  function messageWire(m: DiscordMessage, echoNonce = false): Record<string, unknown> {
    const lastEdit = m.edits.at(-1);
    const thread = m.thread_id ? channels.get(m.thread_id) : undefined;
    return {
      id: m.id,
      type: m.message_reference ? 19 : 0,
      channel_id: m.channel_id,
      guild_id: channels.get(m.channel_id)?.guild_id,
      author: m.webhook_id ? { id: m.webhook_id, username: 'webhook', discriminator: '0000', avatar: null, bot: true } : userWire(botUser, true),
      content: m.content,
      embeds: m.embeds,
      components: m.components,
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date(m.created_at).toISOString(),
      edited_timestamp: lastEdit ? new Date(lastEdit.at).toISOString() : null,
      flags: m.flags,
      ...(echoNonce && m.nonce !== undefined ? { nonce: m.nonce } : {}),
      ...(m.message_reference ? { message_reference: { type: 0, channel_id: m.channel_id, ...m.message_reference } } : {}),
      ...(m.webhook_id ? { webhook_id: m.webhook_id } : {}),
      ...(thread ? { thread: channelWire(thread) } : {}),
    };
  }

  function channelWire(c: FakeChannel & { guild_id?: string }): Record<string, unknown> {
    const isThread = c.type === 11 || c.type === 12;
    return {
      id: c.id,
      type: c.type ?? 0,
      name: c.name,
      guild_id: c.guild_id,
      position: 0,
      permission_overwrites: [],
      parent_id: c.parent_id ?? null,
      nsfw: false,
      ...(isThread
        ? { owner_id: botUser.id, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date(now()).toISOString(), locked: false }, member_count: 1, message_count: 0 }
        : { topic: null, rate_limit_per_user: 0, last_message_id: messages.get(c.id)?.at(-1)?.id ?? null }),
    };
  }

  // A message body is checked the way Discord does before anything is stored.
  function validateMessage(b: Record<string, unknown>, creating: boolean): Answer | undefined {
    const content = typeof b.content === 'string' ? b.content : '';
    const embeds = Array.isArray(b.embeds) ? (b.embeds as Array<Record<string, unknown>>) : [];
    const hasComponents = Array.isArray(b.components) && b.components.length > 0;
    if (creating && content === '' && embeds.length === 0 && !hasComponents && !b.sticker_ids && !b.poll) {
      return error(400, 50006, 'Cannot send an empty message');
    }
    const problems: Record<string, unknown> = {};
    const tooLong = (max: number) => ({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }] });
    if (content.length > 2000) problems.content = tooLong(2000);
    if (embeds.length > 10) problems.embeds = tooLong(10);
    if (typeof b.nonce === 'string' && b.nonce.length > 25) problems.nonce = tooLong(25);
    let total = 0;
    embeds.forEach((e, i) => {
      const field = (v: unknown) => (typeof v === 'string' ? v.length : 0);
      const fields = Array.isArray(e.fields) ? (e.fields as Array<Record<string, unknown>>) : [];
      const limits: Array<[string, number, number]> = [
        ['title', field(e.title), 256],
        ['description', field(e.description), 4096],
        ['fields', fields.length, 25],
        ['footer', field((e.footer as Record<string, unknown> | undefined)?.text), 2048],
        ['author', field((e.author as Record<string, unknown> | undefined)?.name), 256],
      ];
      fields.forEach((f, j) => limits.push([`fields.${j}.name`, field(f.name), 256], [`fields.${j}.value`, field(f.value), 1024]));
      for (const [name, len, max] of limits) if (len > max) problems[`embeds.${i}.${name}`] = tooLong(max);
      total += limits.filter(([n]) => n !== 'fields').reduce((s, [, len]) => s + len, 0);
    });
    if (total > 6000) problems.embeds = tooLong(6000);
    return Object.keys(problems).length > 0 ? error(400, 50035, 'Invalid Form Body', problems) : undefined;
  }

  // Discord's per-route bucket for creating messages, reported in X-RateLimit-* headers.
  function takeRateLimit(channelId: string): { limited: boolean; headers: Record<string, string> } {
    if (!rateLimit) return { limited: false, headers: {} };
    const t = now();
    let w = windows.get(channelId);
    if (!w || w.resetAt <= t) windows.set(channelId, (w = { count: 0, resetAt: t + rateLimit.windowMs }));
    const limited = w.count >= rateLimit.perChannel;
    if (!limited) w.count++;
    const resetAfter = (w.resetAt - t) / 1000;
    return {
      limited,
      headers: {
        'x-ratelimit-limit': String(rateLimit.perChannel),
        'x-ratelimit-remaining': String(Math.max(0, rateLimit.perChannel - w.count)),
        'x-ratelimit-reset': (w.resetAt / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': 'fake-channel-messages',
        ...(limited ? { 'retry-after': resetAfter.toFixed(3), 'x-ratelimit-scope': 'user' } : {}),
      },
    };
  }

  // Ephemeral interaction replies are not stored in the channel: only the invoking user sees them.
  function createMessage(channelId: string, b: Record<string, unknown>, extra: Partial<DiscordMessage> = {}, store = true): DiscordMessage {
    const m: DiscordMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: typeof b.content === 'string' ? b.content : '',
      embeds: Array.isArray(b.embeds) ? b.embeds : [],
      components: Array.isArray(b.components) ? b.components : [],
      flags: typeof b.flags === 'number' ? b.flags : 0,
      author_id: botUser.id,
      created_at: now(),
      edits: [],
      ...extra,
    };
    if (b.allowed_mentions !== undefined) m.allowed_mentions = b.allowed_mentions;
    if (b.message_reference !== undefined) m.message_reference = b.message_reference as DiscordMessage['message_reference'];
    if (b.nonce !== undefined) m.nonce = b.nonce as string | number;
    if (b.enforce_nonce !== undefined) m.enforce_nonce = b.enforce_nonce === true;
    if (store) messages.set(channelId, [...(messages.get(channelId) ?? []), m]);
    return m;
  }

  function editMessage(m: DiscordMessage, b: Record<string, unknown>): void {
    const edit: DiscordEdit = { at: now() };
    if (typeof b.content === 'string') m.content = edit.content = b.content;
    if (Array.isArray(b.embeds)) m.embeds = edit.embeds = b.embeds;
    if (Array.isArray(b.components)) m.components = b.components;
    if (b.allowed_mentions !== undefined) m.allowed_mentions = b.allowed_mentions;
    m.edits.push(edit);
  }

  const findMessage = (channelId: string, id: string | undefined) => messages.get(channelId)?.find((m) => m.id === id);
  const deleteMessage = (channelId: string, id: string) => messages.set(channelId, (messages.get(channelId) ?? []).filter((m) => m.id !== id));

  function postChannelMessage(channelId: string, b: Record<string, unknown>): Answer {
    const channel = channels.get(channelId);
    if (!channel) return unknownChannel();
    if (channel.missingAccess) return error(403, 50001, 'Missing Access');
    const invalid = validateMessage(b, true);
    if (invalid) return invalid;
    const ref = b.message_reference as DiscordMessage['message_reference'] | undefined;
    if (ref?.message_id && ref.fail_if_not_exists !== false && !findMessage(ref.channel_id ?? channelId, ref.message_id)) {
      return error(400, 50035, 'Invalid Form Body', { message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } });
    }
    // enforce_nonce: a repeat within the window answers the earlier message instead of posting twice.
    if (b.enforce_nonce === true && b.nonce !== undefined) {
      const earlier = messages.get(channelId)?.find((m) => m.nonce === b.nonce && m.created_at > now() - nonceWindowMs);
      if (earlier) return json(200, messageWire(earlier, true));
    }
    const rl = takeRateLimit(channelId);
    if (rl.limited) {
      const retryAfter = Number(rl.headers['retry-after']);
      return json(429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, rl.headers);
    }
    return json(200, messageWire(createMessage(channelId, b), true), rl.headers);
  }

  function createThread(channelId: string, b: Record<string, unknown>, messageId?: string): Answer {
    const parent = channels.get(channelId);
    if (!parent) return unknownChannel();
    const message = messageId === undefined ? undefined : findMessage(channelId, messageId);
    if (messageId !== undefined && !message) return error(404, 10008, 'Unknown Message');
    if (message?.thread_id) return error(400, 160004, 'A thread has already been created for this message');
    // A thread started from a message shares the message's id.
    const thread = { id: message?.id ?? snowflake(), name: String(b.name ?? 'thread'), type: typeof b.type === 'number' ? b.type : 11, parent_id: channelId, guild_id: parent.guild_id };
    channels.set(thread.id, thread);
    if (message) message.thread_id = thread.id;
    return json(201, channelWire(thread));
  }

  function interactionCallback(id: string, token: string, b: Record<string, unknown>, query: URLSearchParams): Answer {
    const it = interactions.get(token);
    if (!it || it.id !== id) return error(404, 10062, 'Unknown interaction');
    if (it.acked) return error(400, 40060, 'Interaction has already been acknowledged.');
    it.acked = true;
    const type = Number(b.type);
    const data = b.data as Record<string, unknown> | undefined;
    interactionResponses.push({ kind: 'callback', interactionId: id, token, type, data, at: now() });
    const ephemeral = (Number(data?.flags ?? 0) & 64) !== 0;
    if (type === 4 || type === 5) it.original = createMessage(it.channelId, type === 4 ? data ?? {} : {}, { flags: Number(data?.flags ?? 0) }, !ephemeral);
    if (query.get('with_response') !== 'true') return json(204);
    return json(200, {
      interaction: { id, type: 2, response_message_id: it.original?.id, response_message_loading: type === 5, response_message_ephemeral: ephemeral },
      resource: it.original ? { type, message: messageWire(it.original) } : undefined,
    });
  }

  function webhookOriginal(token: string, b: Record<string, unknown> | undefined): Answer {
    const it = interactions.get(token);
    if (!it?.original) return error(404, 10008, 'Unknown Message');
    if (b) {
      const invalid = validateMessage(b, false);
      if (invalid) return invalid;
      editMessage(it.original, b);
      interactionResponses.push({ kind: 'edit-original', interactionId: it.id, token, data: b, at: now() });
    }
    return json(200, messageWire(it.original));
  }

  // A message an incoming webhook posted, read or edited through that webhook.
  function webhookMessage(webhookId: string, token: string, messageId: string, b: Record<string, unknown> | undefined): Answer {
    const hook = opts.webhooks?.find((w) => w.id === webhookId && w.token === token);
    if (!hook) return error(404, 10015, 'Unknown Webhook');
    const m = findMessage(hook.channelId, messageId);
    if (!m || m.webhook_id !== webhookId) return error(404, 10008, 'Unknown Message');
    if (b) {
      const invalid = validateMessage(b, false);
      if (invalid) return invalid;
      editMessage(m, b);
    }
    return json(200, messageWire(m));
  }

  function executeWebhook(webhookId: string, token: string, b: Record<string, unknown>, query: URLSearchParams): Answer {
    const it = interactions.get(token);
    const hook = opts.webhooks?.find((w) => w.id === webhookId && w.token === token);
    if (!it && !hook) return error(404, 10015, 'Unknown Webhook');
    const invalid = validateMessage(b, true);
    if (invalid) return invalid;
    if (it) interactionResponses.push({ kind: 'followup', interactionId: it.id, token, data: b, at: now() });
    const m = createMessage(it?.channelId ?? hook!.channelId, b, { webhook_id: webhookId });
    return query.get('wait') === 'true' || it ? json(200, messageWire(m)) : json(204);
  }

  function putCommands(list: CommandRecord[], body: unknown, guildId?: string): CommandRecord[] {
    const incoming = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [];
    return incoming.map((c) => ({
      type: 1, description: '', options: [], default_member_permissions: null, ...c,
      id: list.find((old) => old.name === c.name)?.id ?? snowflake(),
      name: String(c.name),
      application_id: applicationId,
      version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    }));
  }

  const guildCommands = (gid: string) => registeredCommands.guilds.get(gid) ?? [];
  const routes: Route[] = [
    ['GET', /^\/gateway\/bot$/, () => json(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } })],
    ['GET', /^\/gateway$/, () => json(200, { url: gatewayUrl })],
    ['GET', /^\/users\/@me$/, () => json(200, userWire(botUser, true))],
    ['GET', /^\/applications\/@me$/, () => json(200, { id: applicationId, name: botUser.username, flags: 0, bot_public: false, bot: userWire(botUser, true) })],
    ['GET', /^\/channels\/(\d+)$/, ({ params: [id] }) => { const c = channels.get(id!); return c ? json(200, channelWire(c)) : unknownChannel(); }],
    ['GET', /^\/channels\/(\d+)\/messages$/, ({ params: [id], query }) => {
      if (!channels.has(id!)) return unknownChannel();
      // Newest first; `before` pages back (ids are snowflakes, increasing with time); limit 1–100, default 50.
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
      const before = query.get('before');
      const older = [...(messages.get(id!) ?? [])].reverse().filter((m) => before === null || BigInt(m.id) < BigInt(before));
      return json(200, older.slice(0, limit).map((m) => messageWire(m)));
    }],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params: [cid, mid] }) => {
      if (!findMessage(cid!, mid)) return channels.has(cid!) ? error(404, 10008, 'Unknown Message') : unknownChannel();
      deleteMessage(cid!, mid!);
      return json(204);
    }],
    ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params: [cid, mid] }) => { const m = findMessage(cid!, mid); return m ? json(200, messageWire(m)) : error(404, 10008, 'Unknown Message'); }],
    ['POST', /^\/channels\/(\d+)\/messages$/, ({ params: [id], body }) => postChannelMessage(id!, body)],
    ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params: [cid, mid], body }) => {
      const m = findMessage(cid!, mid);
      if (!m) return channels.has(cid!) ? error(404, 10008, 'Unknown Message') : unknownChannel();
      const invalid = validateMessage(body, false);
      if (invalid) return invalid;
      editMessage(m, body);
      return json(200, messageWire(m));
    }],
    ['POST', /^\/channels\/(\d+)\/threads$/, ({ params: [id], body }) => createThread(id!, body)],
    ['POST', /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/, ({ params: [cid, mid], body }) => createThread(cid!, body, mid)],
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, ({ params: [id, token], body, query }) => interactionCallback(id!, token!, body, query)],
    ['GET', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/, ({ params: [token] }) => webhookOriginal(token!, undefined)],
    ['PATCH', /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/, ({ params: [token], body }) => webhookOriginal(token!, body)],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/, ({ params: [id, token, mid] }) => webhookMessage(id!, token!, mid!, undefined)],
    ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/, ({ params: [id, token, mid], body }) => webhookMessage(id!, token!, mid!, body)],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, ({ params: [id, token], body, query }) => executeWebhook(id!, token!, body, query)],
    ['GET', /^\/applications\/\d+\/commands$/, () => json(200, registeredCommands.global)],
    ['PUT', /^\/applications\/\d+\/commands$/, ({ body }) => json(200, (registeredCommands.global = putCommands(registeredCommands.global, body)))],
    ['POST', /^\/applications\/\d+\/commands$/, ({ body }) => {
      const [cmd] = putCommands(registeredCommands.global, [body]);
      registeredCommands.global = [...registeredCommands.global.filter((c) => c.name !== cmd!.name), cmd!];
      return json(201, cmd);
    }],
    ['GET', /^\/applications\/\d+\/guilds\/(\d+)\/commands$/, ({ params: [gid] }) => json(200, guildCommands(gid!))],
    ['PUT', /^\/applications\/\d+\/guilds\/(\d+)\/commands$/, ({ params: [gid], body }) => {
      const list = putCommands(guildCommands(gid!), body, gid);
      registeredCommands.guilds.set(gid!, list);
      return json(200, list);
    }],
  ];

  function failureFor(call: DiscordCall): { answer: Answer; landed: boolean } | undefined {
    const i = failures.findIndex((f) => matches(f.route, call));
    if (i < 0) return undefined;
    const entry = failures[i]!;
    if (--entry.left <= 0) failures.splice(i, 1);
    return { answer: failureAnswer(entry.failure), landed: entry.failure.afterLanding === true };
  }

  function failureAnswer(f: DiscordFailure): Answer {
    if (f.status === 429) {
      const retryAfter = f.retryAfterSec ?? 1;
      // Real Discord rounds the Retry-After header up to whole seconds; exact here so tests stay fast.
      const headers: Record<string, string> = { 'retry-after': String(retryAfter), 'x-ratelimit-scope': f.global ? 'global' : 'user' };
      if (f.global) headers['x-ratelimit-global'] = 'true';
      return json(429, { message: f.message ?? 'You are being rate limited.', retry_after: retryAfter, global: f.global ?? false, ...(f.code ? { code: f.code } : {}) }, headers);
    }
    const defaults: Record<number, [number, string]> = { 400: [50035, 'Invalid Form Body'], 403: [50001, 'Missing Access'], 404: [10003, 'Unknown Channel'], 500: [0, '500: Internal Server Error'] };
    const [code, message] = defaults[f.status] ?? [0, 'Error'];
    return error(f.status, f.code ?? code, f.message ?? message);
  }

  function answer(call: DiscordCall): Answer {
    const failure = failureFor(call);
    // afterLanding: the request is carried out, then the answer is lost to a 5xx (a timeout, a proxy).
    if (failure && !failure.landed) return failure.answer;
    if (failure) handle(call);
    if (failure) return failure.answer;
    return handle(call);
  }

  function handle(call: DiscordCall): Answer {
    const isUnauthenticated = call.path.startsWith('/interactions/') || call.path.startsWith('/webhooks/');
    if (!isUnauthenticated && opts.token !== undefined && call.headers.authorization !== `Bot ${opts.token}`) {
      return error(401, 0, '401: Unauthorized');
    }
    for (const [method, pattern, handler] of routes) {
      const m = method === call.method ? pattern.exec(call.path) : null;
      if (m) return handler({ params: m.slice(1), body: (call.body ?? {}) as Record<string, unknown>, query: call.query });
    }
    return error(404, 0, '404: Not Found');
  }

  const server = createServer((req, res) => {
    void readBody(req).then((bytes) => {
      const raw = bytes.toString('utf8');
      const files = fileParts(bytes, req.headers['content-type']);
      const url = new URL(req.url ?? '/', 'http://fake');
      const call: DiscordCall = {
        method: req.method ?? 'GET',
        // @discordjs/rest percent-encodes '@original' as '%40original'.
        path: decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, ''),
        query: url.searchParams,
        body: parseBody(raw, req.headers['content-type']),
        ...(files.length > 0 ? { files } : {}),
        headers: req.headers,
        at: now(),
      };
      calls.push(call);
      for (const w of waiters.filter((x) => matches(x.route, call))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
      const a = answer(call);
      res.writeHead(a.status, { ...(a.body !== undefined ? { 'content-type': 'application/json' } : {}), ...a.headers });
      res.end(a.body !== undefined ? JSON.stringify(a.body) : undefined);
    }).catch((err: unknown) => {
      // A bug in the fake must show up in the test, not hang it.
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake discord crashed: ${String(err)}`);
    });
  });

  // --- gateway ---
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<{ ws: WebSocket; seq: number; identified: boolean }>();
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/gateway')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => openSession(ws));
  });

  function send(s: { ws: WebSocket; seq: number }, op: number, d: unknown, t: string | null = null): void {
    const sequence = op === 0 ? ++s.seq : null;
    s.ws.send(JSON.stringify({ op, d, s: sequence, t }));
  }

  function openSession(ws: WebSocket): void {
    const s = { ws, seq: 0, identified: false };
    sessions.add(s);
    ws.on('close', () => sessions.delete(s));
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      if (payload.op === 1) return send(s, 11, null);
      if (payload.op === 2) {
        identifies.push(payload.d ?? {});
        if (opts.token !== undefined && payload.d?.token !== opts.token) return ws.close(4004, 'Authentication failed.');
        s.identified = true;
        send(s, 0, {
          v: 10, user: userWire(botUser, true), guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: `session-${snowflake()}`, resume_gateway_url: gatewayUrl, shard: [0, 1],
          application: { id: applicationId, flags: 0 }, private_channels: [], presences: [], user_settings: {}, geo_ordered_rtc_regions: [], _trace: ['fake-discord'],
        }, 'READY');
        for (const g of guilds) send(s, 0, guildWire(g, botUser, now()), 'GUILD_CREATE');
      }
      // A RESUME (op 6) gets an invalid session so discord.js identifies afresh.
      if (payload.op === 6) send(s, 9, false);
    });
    send(s, 10, { heartbeat_interval: opts.heartbeatIntervalMs ?? 41_250, _trace: ['fake-discord'] });
  }

  function dispatch(t: string, d: unknown): void {
    const ready = [...sessions].filter((s) => s.identified);
    if (ready.length === 0) throw new Error('fake discord: no identified gateway session to dispatch to');
    for (const s of ready) send(s, 0, d, t);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  return {
    restUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    calls,
    messages,
    channels,
    interactionResponses,
    registeredCommands,
    identifies,
    failNext(route, failure) {
      failures.push({ route, failure, left: failure.times ?? 1 });
    },
    setRateLimit(limit) {
      rateLimit = limit;
      windows.clear();
    },
    deleteMessage,
    dispatch,
    dispatchInteraction(payload) {
      const channelId = String(payload.channel_id ?? (payload.channel as { id?: string } | undefined)?.id ?? DEFAULT_CHANNEL_ID);
      interactions.set(String(payload.token), { id: String(payload.id), channelId, acked: false });
      dispatch('INTERACTION_CREATE', payload);
    },
    waitForCall(route, timeoutMs = 2000) {
      const seen = calls.find((c) => matches(route, c));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake discord: no call matching ${String(route)} within ${timeoutMs}ms`)), timeoutMs);
        waiters.push({ route, resolve: (c) => { clearTimeout(timer); resolve(c); } });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The INTERACTION_CREATE payload Discord sends for a slash command in a guild channel. */
export function buildSlashInteraction(input: {
  name: string;
  subcommand?: string;
  /** Named values (string → 3, integer → 4, boolean → 5, other number → 10) or raw option objects. */
  options?: Record<string, string | number | boolean> | Array<Record<string, unknown>>;
  /** Member permission bitfield as a decimal string (e.g. MANAGE_GUILD). */
  memberPermissions?: string;
  userId?: string;
  roles?: string[];
  guildId?: string;
  channelId?: string;
  applicationId?: string;
  id?: string;
  token?: string;
  locale?: string;
}): Record<string, unknown> {
  const guildId = input.guildId ?? DEFAULT_GUILD_ID;
  const channelId = input.channelId ?? DEFAULT_CHANNEL_ID;
  const id = input.id ?? String(BigInt(DEFAULT_GUILD_ID) + BigInt(++interactionCounter) * 1000n);
  const options = Array.isArray(input.options)
    ? input.options
    : Object.entries(input.options ?? {}).map(([name, value]) => ({ name, value, type: optionType(value) }));
  const userId = input.userId ?? DEFAULT_MEMBER_ID;
  return {
    id,
    application_id: input.applicationId ?? DEFAULT_APPLICATION_ID,
    type: 2,
    token: input.token ?? `interaction-token-${id}`,
    version: 1,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'peace-alerts', permissions: BOT_PERMISSIONS },
    guild: { id: guildId, locale: 'en-US', features: [] },
    data: {
      id: String(BigInt(id) + 1n),
      name: input.name,
      type: 1,
      guild_id: guildId,
      options: input.subcommand ? [{ type: 1, name: input.subcommand, options }] : options,
    },
    member: {
      user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
      roles: input.roles ?? [],
      permissions: input.memberPermissions ?? '0',
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null,
    },
    app_permissions: BOT_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    locale: input.locale ?? 'en-US',
    guild_locale: 'en-US',
    attachment_size_limit: 8_388_608,
  };
}
let interactionCounter = 0;

function optionType(value: string | number | boolean): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

function defaultGuild(): FakeGuild {
  return { id: DEFAULT_GUILD_ID, name: 'Peace Desk', channels: [{ id: DEFAULT_CHANNEL_ID, name: 'peace-alerts' }], members: [{ id: DEFAULT_MEMBER_ID, username: 'editor' }] };
}

function userWire(u: { id: string; username: string }, bot = false): Record<string, unknown> {
  return { id: u.id, username: u.username, discriminator: '0', global_name: null, avatar: null, ...(bot ? { bot: true } : {}) };
}

// GUILD_CREATE with what discord.js caches: channels, roles (@everyone shares the guild id) and members incl. the bot.
function guildWire(g: FakeGuild, botUser: { id: string; username: string }, nowMs: number): Record<string, unknown> {
  const joined = new Date(nowMs).toISOString();
  const member = (user: Record<string, unknown>, roles: string[]) => ({ user, roles, joined_at: joined, deaf: false, mute: false, flags: 0 });
  return {
    id: g.id, name: g.name, icon: null, owner_id: DEFAULT_MEMBER_ID, unavailable: false, large: false,
    member_count: (g.members?.length ?? 0) + 1, joined_at: joined, afk_timeout: 300, verification_level: 0,
    default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0,
    system_channel_flags: 0, preferred_locale: 'en-US', features: [], emojis: [], stickers: [], threads: [],
    presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
    roles: [{ id: g.id, name: '@everyone', permissions: BOT_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }, ...(g.roles ?? []).map((r, i) => ({ position: i + 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, ...r }))],
    channels: g.channels.filter((c) => c.type !== 11 && c.type !== 12).map((c, i) => ({ id: c.id, type: c.type ?? 0, name: c.name, position: i, permission_overwrites: [], parent_id: c.parent_id ?? null, nsfw: false, topic: null })),
    members: [member(userWire(botUser, true), []), ...(g.members ?? []).map((m) => member(userWire({ id: m.id, username: m.username ?? `user${m.id.slice(-4)}` }), m.roles ?? []))],
  };
}

function matches(route: RouteMatcher, call: DiscordCall): boolean {
  const line = `${call.method} ${call.path}`;
  if (typeof route === 'function') return route(call);
  if (route instanceof RegExp) return route.test(line);
  // 'POST /channels/:id/messages' — :params match one path segment.
  const pattern = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(line);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The parts of a multipart/form-data body that carry a filename (attachments). */
function fileParts(bytes: Buffer, contentType: string | undefined): DiscordFilePart[] {
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/u.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return [];
  const parts: DiscordFilePart[] = [];
  let at = bytes.indexOf(`--${b}`);
  while (at >= 0) {
    const headersEnd = bytes.indexOf('\r\n\r\n', at);
    const next = bytes.indexOf(`\r\n--${b}`, headersEnd);
    if (headersEnd < 0 || next < 0) break;
    const headers = bytes.subarray(at, headersEnd).toString('utf8');
    const disposition = /name="([^"]*)"; filename="([^"]*)"/u.exec(headers);
    if (disposition) {
      const type = /content-type: *([^\r\n]+)/iu.exec(headers)?.[1];
      parts.push({ field: disposition[1]!, filename: disposition[2]!, ...(type ? { contentType: type } : {}), data: Buffer.from(bytes.subarray(headersEnd + 4, next)) });
    }
    at = next + 2;
  }
  return parts;
}

// JSON, or multipart/form-data whose `payload_json` part carries the JSON (sends with files).
function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  try {
    if (contentType?.startsWith('multipart/form-data')) {
      const part = /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
      return part?.[1] ? JSON.parse(part[1]) : {};
    }
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
