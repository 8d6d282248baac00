import type { ConnectionState } from '../platforms/chat-adapter.js';

/** What /readyz looks at, gathered by the caller. */
export interface ReadinessInputs {
  /** Undefined when the store answered; otherwise why not. */
  storeError?: string;
  /** Epoch ms of the last completed cycle, undefined before the first. */
  lastCycleAt?: number;
  /** When the process started: before its first cycle, it is ready for the same grace. */
  startedAt: number;
  /** Longest gap between two cron ticks. */
  tickMs: number;
  /** Each chat platform that keeps a connection (console and webhooks have none). */
  platforms: Array<{ platform: string; state: ConnectionState }>;
  now: number;
}

export interface Readiness {
  ready: boolean;
  /** One entry per part that is not ready, in words an operator can act on. */
  notReady: Array<{ part: string; reason: string }>;
}

/** A cycle is late after 3 ticks: one slow cycle skips a tick, two in a row is a stall. */
export const STALE_TICKS = 3;

/** Pure: ready when the store answers, cycles complete, and every platform is connected or still retrying. */
export function assessReadiness(i: ReadinessInputs): Readiness {
  const notReady: Readiness['notReady'] = [];
  if (i.storeError !== undefined) notReady.push({ part: 'store', reason: i.storeError });
  const limit = STALE_TICKS * i.tickMs;
  const since = i.lastCycleAt ?? i.startedAt;
  if (i.now - since >= limit) {
    const seconds = Math.round((i.now - since) / 1000);
    notReady.push({
      part: 'cycle',
      reason:
        i.lastCycleAt === undefined
          ? `no cycle has completed in the ${seconds} s since start (limit ${STALE_TICKS} ticks, ${limit / 1000} s)`
          : `last cycle completed ${seconds} s ago (limit ${STALE_TICKS} ticks, ${limit / 1000} s)`,
    });
  }
  for (const p of i.platforms) {
    // Connecting or retrying is fine: the poller keeps working and the adapter reconnects by itself.
    if (p.state === 'failed') notReady.push({ part: p.platform, reason: 'credentials refused; fix them and restart' });
  }
  return { ready: notReady.length === 0, notReady };
}
