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

/** `once`: exactly one cycle over every feed (for system cron and tests). */
export async function runOnceCommand({ config, secrets, log, out, deployment }: RunOptions): Promise<number> {
  const app = await createApp({ config, secrets, log, out, color: Boolean(out.isTTY), deployment });
  try {
    const report = await app.runCycle({ onlyDue: false });
    out.write(`${[formatTally(report), ...formatFailures(report)].join('\n')}\n`);
    return 0;
  } finally {
    await app.close();
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
  const signal = await waitForSignal();
  log.info({ signal }, 'stopping: finishing the cycle in flight');
  // A second signal while stopping exits at once: the outbox and seen-store make that safe.
  const forceExit = () => process.exit(130);
  process.once('SIGINT', forceExit);
  process.once('SIGTERM', forceExit);
  await scheduler.stop();
  await opsServer?.close();
  await app.close();
  log.info('stopped');
  return 0;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** A long-running poller logs a stray rejection instead of dying on it. */
export function installCrashGuards(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection (kept running)'));
}

