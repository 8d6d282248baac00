import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { PeacewatchConfig, Secrets } from '../config/config-types.js';
import { createApp, type AppOptions } from '../main.js';
import { formatFailures, formatTally } from './tally.js';
import { createMetrics } from '../ops/metrics.js';
import { startOpsListener } from '../ops/ops-listener.js';

interface RunOptions {
  config: PeacewatchConfig;
  secrets: Secrets;
  log: Logger;
  out: Writable & { isTTY?: boolean };
  deployment?: AppOptions['deployment'];
  /** `start` only: where /healthz, /readyz and /metrics listen; none with OPS_PORT=off. */
  ops?: { host: string; port: number };
}

/**
 * `once`: one cycle over every feed (for system cron and tests), bounded by `delivery.onceMaxSeconds`.
 * SIGINT/SIGTERM or the bound stop it as `start` stops: no new feed, the send in flight finishes,
 * the rest stays pending for the next run.
 */
export async function runOnceCommand({ config, secrets, log, out, deployment }: RunOptions): Promise<number> {
  const stop = new AbortController();
  const signals = onStopSignals(log, stop, config.delivery.stopTimeoutSeconds);
  const limit = setTimeout(() => {
    log.warn({ onceMaxSeconds: config.delivery.onceMaxSeconds }, 'once: time bound reached; the rest stays pending for the next run');
    stop.abort();
  }, config.delivery.onceMaxSeconds * 1000);
  limit.unref();
  try {
    const app = await createApp({ config, secrets, log, out, color: Boolean(out.isTTY), deployment });
    try {
      const report = await app.runCycle({ onlyDue: false, signal: stop.signal });
      out.write(`${[formatTally(report), ...formatFailures(report)].join('\n')}\n`);
      // Every feed failing is what cron should alert on (the network, DNS, a proxy): exit 1.
      return report.polled > 0 && report.failed.length === report.polled ? 1 : 0;
    } finally {
      await app.close();
    }
  } finally {
    clearTimeout(limit);
    signals.dispose();
  }
}

/** `start`: the scheduler until SIGINT/SIGTERM; the cycle in flight finishes its writes, then the store closes. */
export async function runStartCommand({ config, secrets, log, out, deployment, ops }: RunOptions): Promise<number> {
  installCrashGuards(log);
  const metrics = ops ? createMetrics() : undefined;
  const app = await createApp({ config, secrets, log, out, color: Boolean(out.isTTY), deployment, metrics });
  const opsServer =
    ops && metrics
      ? await startOpsListener({ settings: ops, metrics, stores: app.stores, adapters: app.adapters, tick: config.polling.tick, lastCycleAt: app.lastCycleAt, now: Date.now, log }).catch(
          async (err: unknown) => {
            await app.close();
            throw err;
          },
        )
      : undefined;
  const scheduler = app.createScheduler();
  log.info(
    {
      feeds: config.feeds.length,
      topics: config.topics.map((t) => t.id),
      store: app.stores.db.displayUrl,
      tick: config.polling.tick,
      chat: [...app.adapters.keys()],
    },
    'peacewatch started',
  );
  scheduler.start();
  const stop = new AbortController();
  const signals = onStopSignals(log, stop, config.delivery.stopTimeoutSeconds);
  await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
  // The cycle's signal stops delivery too: the send in flight finishes, the backlog stays pending.
  await scheduler.stop();
  await opsServer?.close();
  await app.close();
  signals.dispose();
  log.info('stopped');
  return 0;
}

/**
 * SIGINT/SIGTERM abort `stop`; from then on the process has `boundSeconds` to finish (the send in
 * flight, the store's close) before it exits regardless, and a second signal exits at once. Both
 * are safe: every step is in the outbox before and after it is taken.
 */
function onStopSignals(log: Logger, stop: AbortController, boundSeconds: number): { dispose(): void } {
  let bound: NodeJS.Timeout | undefined;
  const forceExit = () => process.exit(130);
  const on = (signal: NodeJS.Signals) => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
    process.once('SIGINT', forceExit);
    process.once('SIGTERM', forceExit);
    log.info({ signal }, 'stopping: finishing the send in flight; the rest stays pending');
    bound = setTimeout(() => {
      log.warn({ stopTimeoutSeconds: boundSeconds }, 'stopping took longer than delivery.stopTimeoutSeconds; exiting with the rest pending');
      process.exit(1);
    }, boundSeconds * 1000);
    bound.unref();
    stop.abort();
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    dispose() {
      clearTimeout(bound);
      for (const s of ['SIGINT', 'SIGTERM'] as const) {
        process.off(s, on);
        process.off(s, forceExit);
      }
    },
  };
}

/** A long-running poller logs a stray rejection instead of dying on it. */
export function installCrashGuards(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (kept running)'));
}

