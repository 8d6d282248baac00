// A loopback fake of the Slack Web API: a real HTTP server that the real WebClient
// (and Bolt, through `clientOptions.slackApiUrl`) talks to, recording every call so
// tests assert on what went over the wire. Only the methods peacewatch uses exist.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  /** Parsed body: JSON-encoded form fields (blocks, metadata, …) are decoded. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** `now()` when the call arrived. */
  at: number;
}

export interface SlackEdit {
  text: string | undefined;
  blocks: unknown;
  at: number;
}

export interface SlackMessage {
  ts: string;
  channel: string;
  thread_ts?: string;
  text: string | undefined;
  blocks?: unknown;
  metadata?: unknown;
  user: string;
  edits: SlackEdit[];
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  text: string | undefined;
  blocks?: unknown;
  message_ts: string;
}

/** A file uploaded through files.uploadV2's three steps. */
export interface SlackFile {
  id: string;
  filename: string;
  /** Declared in files.getUploadURLExternal. */
  length: number;
  altText?: string;
  /** The bytes posted to the upload URL. */
  data?: Buffer;
  /** Set by files.completeUploadExternal. */
  channel?: string;
  title?: string;
  initialComment?: string;
}

export interface SlackChannel {
  id: string;
  name: string;
  is_archived?: boolean;
  is_member?: boolean;
  is_private?: boolean;
}

export interface SlackUser {
  id: string;
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  tz?: string;
}

export interface SlackFailure {
  /** 429 answers with Retry-After; 500 with an HTTP error; otherwise HTTP 200 `{ok:false,error}`. */
  status?: 429 | 500;
  retryAfterSec?: number;
  error?: string;
  /** How many consecutive calls fail (default 1). */
  times?: number;
  /** The call is carried out (the message lands), and then this failure is the answer. */
  afterLanding?: boolean;
}

export interface FakeSlackOptions {
  /** When set, calls with another token get `invalid_auth`, calls with none `not_authed`. */
  token?: string;
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  /** When given, only these channels exist (others: channel_not_found); otherwise any id is a joined channel. */
  channels?: SlackChannel[];
  users?: SlackUser[];
  now?: () => number;
  /** Incoming webhooks: URL path (e.g. /services/T0/B0/secret) → the channel it posts to. */
  incomingWebhooks?: Record<string, string>;
}

export interface FakeSlackApi {
  /** Base URL with trailing slash, for `slackApiUrl`. */
  url: string;
  calls: SlackCall[];
  messages: Map<string, SlackMessage[]>;
  ephemerals: SlackEphemeral[];
  files: Map<string, SlackFile>;
  users: Map<string, SlackUser>;
  channels: Map<string, SlackChannel>;
  failNext(method: string, failure?: SlackFailure): void;
  /** A user deletes a message (its replies stay, out of reach of conversations.replies). */
  deleteMessage(channel: string, ts: string): void;
  /** Off: has_more comes without a next_cursor, as a search that cannot go further back. */
  setPagination(on: boolean): void;
  setRateLimit(limit: { perChannelPerSec: number } | null): void;
  close(): Promise<void>;
}

// Fields the WebClient JSON-encodes inside a form body.
const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'unfurl_links', 'unfurl_media', 'files'];

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
type Handler = (body: Record<string, unknown>) => Answer;

export async function startFakeSlackApi(opts: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const now = opts.now ?? Date.now;
  const teamId = opts.teamId ?? 'T0PEACE';
  const botUserId = opts.botUserId ?? 'U0BOT';
  const botId = opts.botId ?? 'B0BOT';
  const strictChannels = opts.channels !== undefined;
  const channels = new Map((opts.channels ?? []).map((c) => [c.id, c]));
  const users = new Map((opts.users ?? []).map((u) => [u.id, u]));
  const calls: SlackCall[] = [];
  const messages = new Map<string, SlackMessage[]>();
  const ephemerals: SlackEphemeral[] = [];
  const files = new Map<string, SlackFile>();
  let baseUrl = '';
  const failures = new Map<string, SlackFailure & { left: number }>();
  let rateLimit: { perChannelPerSec: number } | null = null;
  const postsByChannel = new Map<string, number[]>();
  let lastTsMicros = 0;
  let paginate = true;

  const ok = (body: Record<string, unknown>): Answer => ({ status: 200, body: { ok: true, ...body } });
  const fail = (error: string): Answer => ({ status: 200, body: { ok: false, error } });

  // Slack ts is "seconds.micro6", unique and increasing per workspace.
  function nextTs(): string {
    lastTsMicros = Math.max(now() * 1000, lastTsMicros + 1);
    const sec = Math.floor(lastTsMicros / 1e6);
    const micro = Math.floor(lastTsMicros % 1e6);
    return `${sec}.${String(micro).padStart(6, '0')}`;
  }

  function channelFor(id: unknown, forWrite: boolean): SlackChannel | string {
    if (typeof id !== 'string' || id === '') return 'channel_not_found';
    let channel = channels.get(id);
    if (!channel) {
      if (strictChannels) return 'channel_not_found';
      channel = { id, name: id.toLowerCase(), is_member: true };
      channels.set(id, channel);
    }
    if (forWrite && channel.is_archived) return 'is_archived';
    if (forWrite && channel.is_member === false) return 'not_in_channel';
    return channel;
  }

  function findMessage(channel: string, ts: unknown): SlackMessage | undefined {
    return messages.get(channel)?.find((m) => m.ts === ts);
  }

  function wire(m: SlackMessage): Record<string, unknown> {
    const replies = (messages.get(m.channel) ?? []).filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
    const lastEdit = m.edits.at(-1);
    return {
      type: 'message',
      user: m.user,
      bot_id: botId,
      text: m.text ?? '',
      ts: m.ts,
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
      ...(m.thread_ts !== undefined ? { thread_ts: m.thread_ts } : {}),
      ...(replies.length > 0 ? { thread_ts: m.ts, reply_count: replies.length } : {}),
      ...(lastEdit ? { edited: { user: m.user, ts: (lastEdit.at / 1000).toFixed(6) } } : {}),
    };
  }

  const after = (m: SlackMessage, oldest: unknown) => oldest === undefined || Number(m.ts) > Number(oldest);

  // Cursor pagination as Slack does it: an opaque cursor, has_more, and `limit` (default 100, at most 999).
  function page(list: SlackMessage[], b: Record<string, unknown>): Answer {
    const limit = Math.min(999, Math.max(1, Number(b.limit ?? 100)));
    const start = typeof b.cursor === 'string' && b.cursor !== '' ? Number(Buffer.from(b.cursor, 'base64').toString().replace('next:', '')) : 0;
    const withMeta = b.include_all_metadata === true || b.include_all_metadata === 'true';
    const slice = list.slice(start, start + limit).map((m) => ({ ...wire(m), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
    const more = start + limit < list.length;
    const next = more && paginate ? Buffer.from(`next:${start + limit}`).toString('base64') : '';
    return ok({ messages: slice, has_more: more, response_metadata: { next_cursor: next } });
  }

  // Slack's documented limit for posting: about one message per second per channel.
  function isRateLimited(channel: string): boolean {
    if (!rateLimit) return false;
    const t = now();
    const recent = (postsByChannel.get(channel) ?? []).filter((at) => at > t - 1000);
    postsByChannel.set(channel, recent);
    if (recent.length >= rateLimit.perChannelPerSec) return true;
    recent.push(t);
    return false;
  }

  const handlers: Record<string, Handler> = {
    'auth.test': () =>
      ok({ url: 'https://peacewatch.slack.com/', team: opts.teamName ?? 'Peacewatch', user: 'peacewatch', team_id: teamId, user_id: botUserId, bot_id: botId, is_enterprise_install: false }),
    'team.info': () => ok({ team: { id: teamId, name: opts.teamName ?? 'Peacewatch', domain: 'peacewatch' } }),
    'users.info': (b) => {
      const u = users.get(String(b.user));
      if (!u) return fail('user_not_found');
      return ok({ user: { name: u.id.toLowerCase(), is_admin: false, is_owner: false, is_bot: false, tz: 'UTC', team_id: teamId, ...u } });
    },
    'conversations.info': (b) => {
      const c = channelFor(b.channel, false);
      if (typeof c === 'string') return fail(c);
      return ok({ channel: { is_channel: true, is_private: false, is_archived: false, is_member: true, ...c } });
    },
    'conversations.history': (b) => {
      const c = channelFor(b.channel, false);
      if (typeof c === 'string') return fail(c);
      // Newest first, top-level messages only (thread replies live in conversations.replies).
      const all = (messages.get(c.id) ?? []).filter((m) => m.thread_ts === undefined && after(m, b.oldest)).reverse();
      return page(all, b);
    },
    'conversations.replies': (b) => {
      const c = channelFor(b.channel, false);
      if (typeof c === 'string') return fail(c);
      const root = findMessage(c.id, b.ts);
      if (!root) return fail('thread_not_found');
      // The parent first, then its replies oldest first.
      const thread = [root, ...(messages.get(c.id) ?? []).filter((m) => m.thread_ts === root.ts)].filter((m) => m === root || after(m, b.oldest));
      return page(thread, b);
    },
    'chat.postMessage': (b) => {
      const c = channelFor(b.channel, true);
      if (typeof c === 'string') return fail(c);
      if (b.text === undefined && b.blocks === undefined && b.attachments === undefined) return fail('no_text');
      if (typeof b.thread_ts === 'string' && !findMessage(c.id, b.thread_ts)) return fail('thread_not_found');
      if (isRateLimited(c.id)) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } };
      const m: SlackMessage = { ts: nextTs(), channel: c.id, text: b.text as string | undefined, user: botUserId, edits: [] };
      if (b.blocks !== undefined) m.blocks = b.blocks;
      if (b.metadata !== undefined) m.metadata = b.metadata;
      if (typeof b.thread_ts === 'string') m.thread_ts = b.thread_ts;
      messages.set(c.id, [...(messages.get(c.id) ?? []), m]);
      return ok({ channel: c.id, ts: m.ts, message: wire(m) });
    },
    'chat.update': (b) => {
      const c = channelFor(b.channel, true);
      if (typeof c === 'string') return fail(c);
      const m = findMessage(c.id, b.ts);
      if (!m) return fail('message_not_found');
      if (b.text !== undefined) m.text = b.text as string;
      if (b.blocks !== undefined) m.blocks = b.blocks;
      if (b.metadata !== undefined) m.metadata = b.metadata;
      m.edits.push({ text: b.text as string | undefined, blocks: b.blocks, at: now() });
      return ok({ channel: c.id, ts: m.ts, text: m.text ?? '', message: wire(m) });
    },
    // files.uploadV2 = getUploadURLExternal → bytes to upload_url → completeUploadExternal.
    'files.getUploadURLExternal': (b) => {
      const length = Number(b.length);
      if (typeof b.filename !== 'string' || b.filename === '' || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
      const id = `F${String(files.size + 1).padStart(8, '0')}`;
      files.set(id, { id, filename: b.filename, length, ...(typeof b.alt_text === 'string' ? { altText: b.alt_text } : {}) });
      return ok({ upload_url: `${baseUrl}upload/${id}`, file_id: id });
    },
    'files.completeUploadExternal': (b) => {
      const list = Array.isArray(b.files) ? (b.files as Array<{ id?: string; title?: string }>) : [];
      if (list.length === 0) return fail('invalid_arguments');
      const uploaded = list.map((f) => files.get(String(f.id)));
      if (uploaded.some((f) => f?.data === undefined || f.data.length !== f.length)) return fail('file_not_found');
      let channel: string | undefined;
      if (b.channel_id !== undefined) {
        const c = channelFor(b.channel_id, true);
        if (typeof c === 'string') return fail(c);
        channel = c.id;
      }
      for (const [i, f] of uploaded.entries()) {
        Object.assign(f!, { ...(channel ? { channel } : {}), title: list[i]?.title ?? f!.filename, ...(typeof b.initial_comment === 'string' ? { initialComment: b.initial_comment } : {}) });
      }
      if (channel) {
        const m: SlackMessage = { ts: nextTs(), channel, text: b.initial_comment as string | undefined, user: botUserId, edits: [] };
        messages.set(channel, [...(messages.get(channel) ?? []), m]);
      }
      return ok({ files: uploaded.map((f) => ({ id: f!.id, title: f!.title, name: f!.filename })) });
    },
    'chat.postEphemeral': (b) => {
      const c = channelFor(b.channel, true);
      if (typeof c === 'string') return fail(c);
      if (typeof b.user !== 'string') return fail('user_not_found');
      const e: SlackEphemeral = { channel: c.id, user: b.user, text: b.text as string | undefined, message_ts: nextTs() };
      if (b.blocks !== undefined) e.blocks = b.blocks;
      ephemerals.push(e);
      return ok({ message_ts: e.message_ts });
    },
  };

  function tokenOf(req: IncomingMessage, body: Record<string, unknown>): string | undefined {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
    return typeof body.token === 'string' ? body.token : undefined;
  }

  function answer(req: IncomingMessage, method: string, body: Record<string, unknown>): Answer {
    const failure = failures.get(method);
    if (failure) {
      if (--failure.left <= 0) failures.delete(method);
      // afterLanding: the call is carried out, then the answer is lost to the failure.
      if (failure.afterLanding) handlers[method]?.(body);
      if (failure.status === 429) {
        return { status: 429, body: { ok: false, error: failure.error ?? 'ratelimited' }, headers: { 'retry-after': String(failure.retryAfterSec ?? 1) } };
      }
      if (failure.status === 500) return { status: 500, body: { ok: false, error: failure.error ?? 'internal_error' } };
      return fail(failure.error ?? 'internal_error');
    }
    const handler = handlers[method];
    if (!handler) return fail('unknown_method');
    const token = tokenOf(req, body);
    if (token === undefined) return fail('not_authed');
    if (opts.token !== undefined && token !== opts.token) return fail('invalid_auth');
    return handler(body);
  }

  // Incoming webhooks (hooks.slack.com/services/T/B/secret): a message in the hook's channel, answered "ok".
  function incomingWebhook(path: string, raw: string): Answer | undefined {
    const channel = opts.incomingWebhooks?.[path];
    if (!channel) return undefined;
    const body = parseBody(raw, 'application/json');
    const failure = failures.get('incoming-webhook');
    if (failure) {
      if (--failure.left <= 0) failures.delete('incoming-webhook');
      if (failure.afterLanding) handlers['chat.postMessage']!({ ...body, channel });
      if (failure.status === 429) return { status: 429, body: { error: 'rate_limited' }, headers: { 'retry-after': String(failure.retryAfterSec ?? 1) } };
      return { status: failure.status ?? 500, body: { error: failure.error ?? 'internal_error' } };
    }
    const answer = handlers['chat.postMessage']!({ ...body, channel });
    return answer.body.ok ? { status: 200, body: {} } : { status: 404, body: { error: String(answer.body.error) } };
  }

  const server = createServer((req, res) => {
    void readBody(req).then((bytes) => {
      const upload = /^\/upload\/(F\d+)$/u.exec(req.url ?? '');
      if (upload) return send(res, receiveUpload(upload[1]!, bytes, req.headers['content-type']));
      const raw = bytes.toString('utf8');
      const hook = incomingWebhook(req.url ?? '', raw);
      if (hook) {
        calls.push({ method: 'incoming-webhook', body: {}, headers: req.headers, at: now() });
        res.writeHead(hook.status, { 'content-type': 'text/plain', ...hook.headers });
        res.end(hook.status === 200 ? 'ok' : String(hook.body.error));
        return;
      }
      const method = (req.url ?? '').split('?')[0]?.replace(/^\/api\//, '') ?? '';
      const body = parseBody(raw, req.headers['content-type']);
      calls.push({ method, body, headers: req.headers, at: now() });
      send(res, answer(req, method, body));
    }).catch((err: unknown) => {
      // A bug in the fake must show up in the test, not hang it.
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake slack crashed: ${String(err)}`);
    });
  });
  // The upload URL takes the file's bytes: raw, or as the WebClient sends them, the one part of a multipart form.
  function receiveUpload(id: string, bytes: Buffer, contentType: string | undefined): Answer {
    const file = files.get(id);
    if (!file) return { status: 404, body: { ok: false, error: 'not_found' } };
    file.data = filePart(bytes, contentType) ?? bytes;
    return { status: 200, body: { ok: true } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/`;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    messages,
    ephemerals,
    files,
    users,
    channels,
    deleteMessage(channel, ts) {
      // A user deleted it: a parent's replies stay (Slack shows "This message was deleted"), the thread does not.
      messages.set(channel, (messages.get(channel) ?? []).filter((m) => m.ts !== ts));
    },
    setPagination(on) {
      paginate = on;
    },
    failNext(method, failure = {}) {
      failures.set(method, { ...failure, left: failure.times ?? 1 });
    },
    setRateLimit(limit) {
      rateLimit = limit;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headers Slack would sign a request to the app with (v0 signing, see api.slack.com/authentication/verifying-requests-from-slack). */
export function signSlackRequest(signingSecret: string, body: string, timestampSec: number): Record<string, string> {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSec) };
}

/** A form-encoded slash-command body as Slack posts it to the app. */
export function buildSlashCommandBody(fields: { command: string; text?: string; user_id?: string; channel_id?: string; team_id?: string; response_url?: string; trigger_id?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team_id ?? 'T0PEACE',
    team_domain: 'peacewatch',
    channel_id: fields.channel_id ?? 'C0NEWS',
    channel_name: 'news',
    user_id: fields.user_id ?? 'U0ADMIN',
    user_name: 'admin',
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: 'A0PEACE',
    response_url: fields.response_url ?? 'https://hooks.slack.com/commands/T0PEACE/1/xyz',
    trigger_id: fields.trigger_id ?? '1.2.3',
  }).toString();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The content of the first part of a multipart/form-data body, byte for byte. */
function filePart(bytes: Buffer, contentType: string | undefined): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/u.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return undefined;
  const start = bytes.indexOf(`--${b}`);
  const headersEnd = bytes.indexOf('\r\n\r\n', start);
  const end = bytes.indexOf(`\r\n--${b}`, headersEnd);
  return start < 0 || headersEnd < 0 || end < 0 ? undefined : bytes.subarray(headersEnd + 4, end);
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    try {
      body[field] = JSON.parse(value);
    } catch {
      // Slack would reject it; keep the raw string so the test can see what was sent.
    }
  }
  return body;
}

function send(res: ServerResponse, a: Answer): void {
  res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...a.headers });
  res.end(JSON.stringify(a.body));
}
