/**
 * Per-channel digests on a schedule: node-cron fires at the configured local time in the
 * configured zone, the period's delivered alerts are read back from the outbox, and the digest
 * goes to the channel's adapter with its chart attached.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { parseChannelKey } from '../domain/channel.js';
import { errorMessage } from '../errors.js';
import type { ChatAdapter, DeliveryOutcome } from '../platforms/chat-adapter.js';
import type { OutboxStore } from '../store/outbox-store.js';
import { buildDigest, PERIOD_MS, type DigestCadence } from './build-digest.js';
import { renderDigestChart } from './digest-chart.js';

export interface DigestSchedule {
  /** "platform:id", as in subscriptions. */
  channel: string;
  cadence: DigestCadence;
  /** "HH:MM", local time in `timeZone`. */
  at: string;
  /** IANA zone, e.g. "Europe/Kyiv". */
  timeZone: string;
}

// A channel's recent deliveries read back per digest: a week of a busy story fits, a flood is cut.
export const MAX_DIGEST_ENTRIES = 500;
export const DIGEST_FILENAME = 'peacewatch-digest.png';

/** node-cron expression: daily at HH:MM, weekly on Mondays at HH:MM. */
export function cronFor(schedule: Pick<DigestSchedule, 'cadence' | 'at'>): string {
  const [hour, minute] = schedule.at.split(':').map(Number);
  return `${minute} ${hour} * * ${schedule.cadence === 'weekly' ? '1' : '*'}`;
}

export interface DigestDeps {
  outbox: Pick<OutboxStore, 'recentForChannel'>;
  adapters: ReadonlyMap<string, ChatAdapter>;
  log: Logger;
  fontFiles?: readonly string[];
}

/** Builds, draws and posts one channel's digest for the period ending `now`. */
export async function sendDigest(deps: DigestDeps, schedule: DigestSchedule, now: number): Promise<DeliveryOutcome> {
  const channel = parseChannelKey(schedule.channel);
  const adapter = deps.adapters.get(channel.platform);
  if (!adapter?.postDigest) return { ok: false, reason: 'gone', message: `digest: ${channel.platform} cannot post digests here (not configured, or alerts-only)` };
  const entries = await deps.outbox.recentForChannel(channel, MAX_DIGEST_ENTRIES);
  const digest = buildDigest(entries, { cadence: schedule.cadence, from: now - PERIOD_MS[schedule.cadence], to: now, timeZone: schedule.timeZone });
  const { png } = await renderDigestChart(digest, deps.fontFiles ? { fontFiles: deps.fontFiles } : {});
  return adapter.postDigest(channel.id, { digest, chart: { png, filename: DIGEST_FILENAME } });
}

export interface DigestScheduler {
  start(): void;
  stop(): Promise<void>;
}

export function createDigestScheduler(deps: DigestDeps & { schedules: readonly DigestSchedule[]; now: () => number }): DigestScheduler {
  let tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<void>>();
  const run = (schedule: DigestSchedule) => {
    const job = sendDigest(deps, schedule, deps.now())
      .then((outcome) => {
        if (outcome.ok) deps.log.info({ channel: schedule.channel, cadence: schedule.cadence }, 'digest: posted');
        else deps.log.warn({ channel: schedule.channel, reason: outcome.reason, err: outcome.message }, 'digest: not posted');
      })
      .catch((err: unknown) => deps.log.error({ channel: schedule.channel, err: errorMessage(err) }, 'digest: failed'))
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  };
  return {
    start() {
      tasks = deps.schedules.map((s) =>
        cron.schedule(cronFor(s), () => run(s), { name: `peacewatch-digest-${s.channel}`, timezone: s.timeZone, noOverlap: true }),
      );
    },
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      tasks = [];
      await Promise.all(inFlight);
    },
  };
}
