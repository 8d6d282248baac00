// The ChatAdapter contract (src/platforms/chat-adapter.ts), one suite run against every
// implementation and against the delivery tests' fake platform, so the fake cannot promise
// what no real adapter does. Each subject drives its platform through the wire (loopback fakes).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter, DeliveryOutcome, MessageRef } from '../../src/platforms/chat-adapter.js';
import { createAlert, createArticle } from '../builders/article.js';

/** What a failing platform answers a post with, said in the platform's own words by each subject. */
export type WireFailure = 'rate-limited' | 'global-rate-limited' | 'server-error' | 'server-error-after-landing';

export interface ContractSubject {
  adapter: ChatAdapter;
  /** A channel the adapter may post to. */
  channelId: string;
  /** A channel that does not exist (or a webhook name not configured): posting there is 'gone'. */
  missingChannelId?: string;
  /** Messages the platform holds in the channel, replies included. */
  messageCount(): number;
  /** Post requests (new messages and replies) that reached the platform. */
  postRequests(): number;
  /** A user deletes a message; undefined where the subject cannot (console). */
  deleteMessage?(ref: MessageRef): void;
  /** The platform answers the next post with this failure; returns false where it cannot be staged. */
  failNextPost(failure: WireFailure): boolean;
  /** The next findPosted lookup fails at the wire (a 5xx). */
  failNextLookup?(): void;
  /** The next lookups page through more history than a search may read (`false`: not modelled). */
  crowdHistory?(): Promise<boolean>;
  /** Can edit a message in place (a Slack incoming webhook cannot: its edit is a no-op). */
  edits: boolean;
  close(): Promise<void>;
}

const alert = (n: number, over: Parameters<typeof createAlert>[0] = {}) =>
  createAlert({ article: createArticle({ id: `contract:${n}`, title: `Envoys meet, round ${n}`, url: `https://news.example/${n}` }), ...over });
const key = (n: number) => `contract:${n}|x`;

function ref(outcome: DeliveryOutcome): MessageRef {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.reason}: ${outcome.message}`);
  return outcome.ref;
}

export function describeChatAdapterContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`ChatAdapter contract: ${name}`, () => {
    let s: ContractSubject;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(async () => {
      await s.close();
    });

    it('posts an alert and answers a ref on its own platform and channel', async () => {
      const outcome = await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
      expect(outcome).toMatchObject({ ok: true, ref: { platform: s.adapter.platform, channelId: s.channelId } });
      expect(ref(outcome).messageId).not.toBe('');
      expect(s.messageCount()).toBe(1);
    });

    it('declares a posting limit delivery can pace to', () => {
      expect(s.adapter.rateLimit.messages).toBeGreaterThanOrEqual(1);
      expect(s.adapter.rateLimit.perMs).toBeGreaterThan(0);
    });

    it('edits a posted alert and replies under it', async () => {
      const root = ref(await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) }));
      const later = alert(2, { kind: 'update', rootAlertId: 'contract:1' });
      expect(await s.adapter.replyToAlert(root, later, { idempotencyKey: key(2) })).toMatchObject({ ok: true, ref: { platform: s.adapter.platform } });
      expect(await s.adapter.updateAlert(root, later, { idempotencyKey: key(2) })).toEqual({ ok: true, ref: root });
      expect(s.messageCount()).toBe(2);
    });

    it('posts to a channel that does not exist as gone, so its subscriptions are paused', async (ctx) => {
      if (!s.missingChannelId) return ctx.skip();
      expect(await s.adapter.postAlert(s.missingChannelId, alert(1), { idempotencyKey: key(1) })).toMatchObject({ ok: false, reason: 'gone' });
    });

    it('answers message-gone (not gone, not bad-payload) for an edit of a message a user deleted', async (ctx) => {
      if (!s.deleteMessage || !s.edits) return ctx.skip();
      const root = ref(await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) }));
      s.deleteMessage(root);
      const outcome = await s.adapter.updateAlert(root, alert(2, { kind: 'update' }), { idempotencyKey: key(2) });
      expect(outcome).toMatchObject({ ok: false, reason: 'message-gone' });
    });

    it('still posts a reply whose root a user deleted (as a message of its own), never dropping the report', async (ctx) => {
      if (!s.deleteMessage) return ctx.skip();
      const root = ref(await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) }));
      s.deleteMessage(root);
      const outcome = await s.adapter.replyToAlert(root, alert(2, { kind: 'update' }), { idempotencyKey: key(2) });
      // Either it lands (as a new message), or it says message-gone so delivery posts it new.
      if (outcome.ok) expect(s.messageCount()).toBe(1);
      else expect(outcome.reason).toBe('message-gone');
    });

    it('answers a 429 as rate-limited with its Retry-After, without waiting or retrying inside', async (ctx) => {
      if (!s.failNextPost('rate-limited')) return ctx.skip();
      const before = s.postRequests();
      const outcome = await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
      expect(outcome).toMatchObject({ ok: false, reason: 'rate-limited' });
      expect(!outcome.ok && outcome.retryAfterMs).toBeGreaterThan(0);
      expect(!outcome.ok && outcome.global).toBeFalsy();
      expect(s.postRequests() - before).toBe(1);
    });

    it('says so when a 429 holds the whole platform (a global limit)', async (ctx) => {
      if (!s.failNextPost('global-rate-limited')) return ctx.skip();
      const outcome = await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
      expect(outcome).toMatchObject({ ok: false, reason: 'rate-limited', global: true });
    });

    it('answers a 5xx as transient after exactly one request: no hidden client retries', async (ctx) => {
      if (!s.failNextPost('server-error')) return ctx.skip();
      const before = s.postRequests();
      const outcome = await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
      expect(outcome).toMatchObject({ ok: false, reason: 'transient' });
      expect(s.postRequests() - before).toBe(1);
      expect(s.messageCount()).toBe(0);
    });

    it('answers transient when a post landed but its answer was a 5xx, and posts it only once', async (ctx) => {
      if (!s.failNextPost('server-error-after-landing')) return ctx.skip();
      const outcome = await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
      expect(outcome).toMatchObject({ ok: false, reason: 'transient' });
      expect(s.messageCount()).toBe(1);
    });

    describe('findPosted (where the platform can be asked)', () => {
      const since = () => Date.now() - 60_000;

      it('finds a posted alert by its key, and answers absent for a key never posted', async (ctx) => {
        if (!s.adapter.findPosted) return ctx.skip();
        const posted = ref(await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) }));
        await s.adapter.postAlert(s.channelId, alert(3), { idempotencyKey: key(3) });
        expect(await s.adapter.findPosted({ channelId: s.channelId, idempotencyKey: key(1), sinceMs: since() })).toEqual({ kind: 'found', ref: posted });
        expect(await s.adapter.findPosted({ channelId: s.channelId, idempotencyKey: key(9), sinceMs: since() })).toEqual({ kind: 'absent' });
      });

      it('finds a thread reply under its root', async (ctx) => {
        if (!s.adapter.findPosted) return ctx.skip();
        const root = ref(await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) }));
        const reply = ref(await s.adapter.replyToAlert(root, alert(2, { kind: 'update' }), { idempotencyKey: key(2) }));
        const found = await s.adapter.findPosted({ channelId: s.channelId, idempotencyKey: key(2), sinceMs: since(), threadOf: root });
        expect(found).toEqual({ kind: 'found', ref: reply });
      });

      it('answers unknown, never absent, when the lookup fails', async (ctx) => {
        if (!s.adapter.findPosted || !s.failNextLookup) return ctx.skip();
        await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
        s.failNextLookup();
        expect(await s.adapter.findPosted({ channelId: s.channelId, idempotencyKey: key(9), sinceMs: since() })).toMatchObject({ kind: 'unknown' });
      });

      it('answers unknown, never absent, when the search cannot reach back to sinceMs', async (ctx) => {
        if (!s.adapter.findPosted || !s.crowdHistory) return ctx.skip();
        await s.adapter.postAlert(s.channelId, alert(1), { idempotencyKey: key(1) });
        if (!(await s.crowdHistory())) return ctx.skip();
        expect(await s.adapter.findPosted({ channelId: s.channelId, idempotencyKey: key(9), sinceMs: since() })).toMatchObject({ kind: 'unknown' });
      });
    });
  });
}
