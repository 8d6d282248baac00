import type { Logger } from 'pino';
import { channelKey } from '../domain/channel.js';
import type { ChatAdapter } from '../platforms/chat-adapter.js';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store.js';

export interface DeliveryDeps {
  outbox: OutboxStore;
  adapters: ReadonlyMap<string, ChatAdapter>;
  now: () => number;
  log: Logger;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  undeliverable: number;
}

const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 60 * 60_000;

/**
 * Sends every due outbox entry. Order is kept per channel (a failure stops that
 * channel's queue for this round); channels are independent of each other.
 */
export async function deliverOutbox({ outbox, adapters, now, log }: DeliveryDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, undeliverable: 0 };
  const byChannel = new Map<string, OutboxEntry[]>();
  for (const entry of await outbox.due(now())) {
    const key = channelKey(entry.channel);
    byChannel.set(key, [...(byChannel.get(key) ?? []), entry]);
  }
  await Promise.all(
    [...byChannel.values()].map(async (entries) => {
      for (const entry of entries) {
        const ok = await deliverOne(entry, { outbox, adapters, now, log }, report);
        if (!ok) break;
      }
    }),
  );
  return report;
}

async function deliverOne(entry: OutboxEntry, deps: DeliveryDeps, report: DeliveryReport): Promise<boolean> {
  const { outbox, adapters, now, log } = deps;
  const where = channelKey(entry.channel);
  const adapter = adapters.get(entry.channel.platform);
  if (!adapter) {
    // A subscription for a platform that is not configured (no credentials): keep it pending.
    await outbox.markRetry(entry.id, `no ${entry.channel.platform} adapter is running`, now() + RETRY_MAX_MS);
    report.retrying++;
    log.warn({ channel: where }, 'delivery: no adapter for this platform; alert kept pending');
    return false;
  }
  let outcome;
  try {
    outcome = await adapter.postAlert(entry.channel.id, entry.alert, { idempotencyKey: entry.id });
  } catch (err) {
    // Adapters should return outcomes; an exception is a bug, but it must not lose the alert.
    outcome = { ok: false as const, reason: 'transient' as const, message: (err as Error).message };
  }
  if (outcome.ok) {
    await outbox.markSent(entry.id, outcome.ref, now());
    report.sent++;
    return true;
  }
  if (outcome.reason === 'rate-limited' || outcome.reason === 'transient') {
    const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** entry.attempts);
    await outbox.markRetry(entry.id, outcome.message, now() + Math.max(backoff, outcome.retryAfterMs ?? 0));
    report.retrying++;
    log.warn({ channel: where, reason: outcome.reason, attempt: entry.attempts + 1 }, `delivery: ${outcome.message}`);
    return false;
  }
  await outbox.markUndeliverable(entry.id, outcome.message);
  report.undeliverable++;
  log.error({ channel: where, reason: outcome.reason }, `delivery: undeliverable: ${outcome.message}`);
  return true;
}
