import type { Alert } from '../../src/domain/alert.js';
import type {
  ChannelRateLimit,
  ChatAdapter,
  DeliveryFailure,
  DeliveryOutcome,
  FindQuery,
  FindResult,
  MessageRef,
  PostOptions,
} from '../../src/platforms/chat-adapter.js';

/**
 * A chat platform in memory plus a ChatAdapter for it, recording every message by its
 * idempotency key so tests can count what was lost and what was doubled. It can enforce
 * per-channel and global limits (answering rate-limited with a Retry-After, like a 429),
 * fail scripted calls, hold a channel, and dedup like Slack (findPosted) or Discord (nonce).
 */
export interface FakeMessage {
  id: string;
  channelId: string;
  key: string;
  alertId: string;
  /** Set for thread replies. */
  parentId?: string;
  at: number;
  edits: Alert[];
}

export type CallMethod = 'post' | 'reply' | 'edit' | 'find';

export interface FakeCall {
  method: CallMethod;
  channelId: string;
  key: string;
  at: number;
  answer: 'ok' | DeliveryFailure | 'deduped' | 'hung';
}

export type ScriptedAnswer =
  | { reason: DeliveryFailure; retryAfterMs?: number; global?: boolean; message?: string }
  /** The message lands, then the answer is lost (a timeout): the adapter reports transient. */
  | 'land-then-fail'
  /** The message lands and the process "dies" before hearing back: the call never returns. */
  | 'land-then-hang';

export interface FakePlatformOptions {
  platform: string;
  /** What the adapter declares (what the engine paces to). */
  rateLimit: ChannelRateLimit;
  now: () => number;
  /** What the platform enforces: over it, calls are refused with rate-limited and a Retry-After. */
  enforce?: { perChannel?: ChannelRateLimit; global?: ChannelRateLimit };
  /** 'find': the adapter has findPosted (Slack); 'nonce': the platform drops a repeated key (Discord); 'none'. */
  dedup: 'find' | 'nonce' | 'none';
  /** Asked on every call no script matched: answer something else now and then (benchmarks). */
  chaos?: (method: CallMethod, channelId: string) => ScriptedAnswer | undefined;
}

interface Script {
  match: (method: CallMethod, channelId: string) => boolean;
  answer: ScriptedAnswer;
  times: number;
}

export function createFakePlatform(opts: FakePlatformOptions) {
  const { now } = opts;
  const messages: FakeMessage[] = [];
  const calls: FakeCall[] = [];
  const scripts: Script[] = [];
  const holds = new Map<string, Promise<void>>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const channelArrivals = new Map<string, number[]>();
  const globalArrivals: number[] = [];
  let nextId = 1;
  const stats = { refusedForRate: 0 };

  const ref = (m: FakeMessage): MessageRef => ({ platform: opts.platform, channelId: m.channelId, messageId: m.id });
  const inChannel = (channelId: string) => messages.filter((m) => m.channelId === channelId);

  /** Retry-After if one more arrival now would break the window. */
  const overLimit = (arrivals: number[], limit: ChannelRateLimit | undefined, t: number): number | undefined => {
    if (!limit || arrivals.length < limit.messages) return undefined;
    const oldest = arrivals[arrivals.length - limit.messages]!;
    return oldest + limit.perMs > t ? oldest + limit.perMs - t : undefined;
  };

  function land(channelId: string, alert: Alert, key: string, parentId?: string): FakeMessage {
    const m: FakeMessage = { id: String(nextId++), channelId, key, alertId: alert.id, at: now(), edits: [], ...(parentId ? { parentId } : {}) };
    messages.push(m);
    for (const w of waiters.filter((w) => messages.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    return m;
  }

  async function send(method: 'post' | 'reply', channelId: string, alert: Alert, key: string, parentId?: string): Promise<DeliveryOutcome> {
    await holds.get(channelId);
    const t = now();
    const record = (answer: FakeCall['answer']) => calls.push({ method, channelId, key, at: t, answer });
    const scripted = takeScript(method, channelId);
    if (scripted && typeof scripted === 'object') {
      record(scripted.reason);
      return { ok: false, message: scripted.message ?? `fake ${scripted.reason}`, ...scripted } as DeliveryOutcome;
    }
    const arrivals = channelArrivals.get(channelId) ?? [];
    const globalWait = overLimit(globalArrivals, opts.enforce?.global, t);
    const wait = globalWait ?? overLimit(arrivals, opts.enforce?.perChannel, t);
    if (wait !== undefined) {
      stats.refusedForRate++;
      record('rate-limited');
      return { ok: false, reason: 'rate-limited', message: 'fake 429', retryAfterMs: wait, global: globalWait !== undefined } as DeliveryOutcome;
    }
    if (opts.dedup === 'nonce') {
      const earlier = inChannel(channelId).find((m) => m.key === key);
      if (earlier) {
        record('deduped');
        return { ok: true, ref: ref(earlier) };
      }
    }
    arrivals.push(t);
    channelArrivals.set(channelId, arrivals);
    globalArrivals.push(t);
    const m = land(channelId, alert, key, parentId);
    if (scripted === 'land-then-fail') {
      record('transient');
      return { ok: false, reason: 'transient', message: 'fake timeout after landing' };
    }
    if (scripted === 'land-then-hang') {
      record('hung');
      return new Promise<never>(() => {});
    }
    record('ok');
    return { ok: true, ref: ref(m) };
  }

  function takeScript(method: CallMethod, channelId: string): ScriptedAnswer | undefined {
    const s = scripts.find((x) => x.match(method, channelId));
    if (!s) return opts.chaos?.(method, channelId);
    if (--s.times <= 0) scripts.splice(scripts.indexOf(s), 1);
    return s.answer;
  }

  const adapter: ChatAdapter = {
    platform: opts.platform,
    rateLimit: opts.rateLimit,
    start: async () => {},
    stop: async () => {},
    postAlert: (channelId, alert, o: PostOptions) => send('post', channelId, alert, o.idempotencyKey),
    async replyToAlert(target, alert, o) {
      // Like the real adapters: under a deleted root, the report is posted as a new message.
      const rootExists = messages.some((m) => m.id === target.messageId);
      return send(rootExists ? 'reply' : 'post', target.channelId, alert, o.idempotencyKey, rootExists ? target.messageId : undefined);
    },
    async updateAlert(target, alert, o) {
      await holds.get(target.channelId);
      const scripted = takeScript('edit', target.channelId);
      calls.push({ method: 'edit', channelId: target.channelId, key: o.idempotencyKey, at: now(), answer: scripted && typeof scripted === 'object' ? scripted.reason : 'ok' });
      if (scripted && typeof scripted === 'object') return { ok: false, message: `fake ${scripted.reason}`, ...scripted } as DeliveryOutcome;
      const m = messages.find((x) => x.id === target.messageId);
      if (!m) return { ok: false, reason: 'message-gone', message: 'fake: no such message' };
      m.edits.push(alert);
      return { ok: true, ref: ref(m) };
    },
    ...(opts.dedup === 'find'
      ? {
          // Like Slack: top-level messages in the channel, a reply only under its root.
          async findPosted({ channelId, idempotencyKey: key, sinceMs, threadOf }: FindQuery): Promise<FindResult> {
            const scripted = takeScript('find', channelId);
            calls.push({ method: 'find', channelId, key, at: now(), answer: scripted && typeof scripted === 'object' ? scripted.reason : 'ok' });
            if (scripted && typeof scripted === 'object') return { kind: 'unknown', message: `fake ${scripted.reason}` };
            const m = inChannel(channelId).find((x) => x.key === key && x.at >= sinceMs && x.parentId === threadOf?.messageId);
            return m ? { kind: 'found', ref: ref(m) } : { kind: 'absent' };
          },
        }
      : {}),
  };

  return {
    adapter,
    messages,
    calls,
    stats,
    inChannel,
    /** A user deletes a message. */
    deleteMessage(id: string) {
      const i = messages.findIndex((m) => m.id === id);
      if (i >= 0) messages.splice(i, 1);
    },
    /** Answers the next `times` matching calls with `answer` instead of the usual. */
    failNext(match: { method?: CallMethod; channelId?: string }, answer: ScriptedAnswer, times = 1) {
      scripts.push({
        // A script without a method is for sends and edits; a lookup is failed only when asked for by name.
        match: (method, channelId) => (match.method ? match.method === method : method !== 'find') && (match.channelId ?? channelId) === channelId,
        answer,
        times,
      });
    },
    /** Calls to this channel wait until `release()`. */
    hold(channelId: string) {
      let release!: () => void;
      holds.set(channelId, new Promise<void>((r) => (release = r)));
      return {
        release: () => {
          holds.delete(channelId);
          release();
        },
      };
    },
    /** Resolves once at least `count` messages have landed (on any channel). */
    waitForMessages(count: number) {
      return messages.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }));
    },
    /** How many messages carry each idempotency key. */
    countByKey() {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
      return counts;
    },
  };
}

export type FakePlatform = ReturnType<typeof createFakePlatform>;
