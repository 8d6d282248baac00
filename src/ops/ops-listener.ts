import type { Logger } from 'pino';
import { errorMessage } from '../errors.js';
import type { ChatAdapter } from '../platforms/chat-adapter.js';
import type { Stores } from '../store/stores.js';
import { startOpsServer, type OpsServer } from './ops-server.js';
import type { Metrics } from './metrics.js';
import { assessReadiness } from './readiness.js';
import { tickIntervalMs } from './tick-interval.js';

/** The store must answer a probe within this, or /readyz says it is unreachable. */
const STORE_PROBE_MS = 2_000;

export interface OpsListenerDeps {
  settings: { host: string; port: number };
  metrics: Metrics;
  stores: Pick<Stores, 'outbox'>;
  adapters: ReadonlyMap<string, ChatAdapter>;
  tick: string;
  lastCycleAt: () => number | undefined;
  now: () => number;
  log: Logger;
}

/** Starts the ops HTTP listener for a running app (`start`). */
export async function startOpsListener(deps: OpsListenerDeps): Promise<OpsServer> {
  const tickMs = await tickIntervalMs(deps.tick);
  const startedAt = deps.now();
  return startOpsServer({
    ...deps.settings,
    registry: deps.metrics.registry,
    log: deps.log,
    readiness: async () =>
      assessReadiness({
        storeError: await probeStore(deps.stores),
        lastCycleAt: deps.lastCycleAt(),
        startedAt,
        tickMs,
        platforms: [...deps.adapters.values()].flatMap((a) => (a.connection ? [{ platform: a.platform, state: a.connection() }] : [])),
        now: deps.now(),
      }),
  });
}

/** A real query through the store's interface, bounded in time. */
async function probeStore(stores: Pick<Stores, 'outbox'>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${STORE_PROBE_MS} ms`), STORE_PROBE_MS);
  });
  try {
    return await Promise.race([stores.outbox.pendingCount().then(() => undefined), timeout]);
  } catch (err) {
    return `unreachable: ${errorMessage(err)}`;
  } finally {
    clearTimeout(timer);
  }
}
