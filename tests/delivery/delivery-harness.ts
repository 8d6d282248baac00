import { pino, type Logger } from 'pino';
import type { Alert } from '../../src/domain/alert.js';
import type { ChannelRef } from '../../src/domain/channel.js';
import { createDeliveryEngine, type DeliveryEngine } from '../../src/delivery/delivery-engine.js';
import type { DeliveryPolicy } from '../../src/delivery/retry-policy.js';
import type { Stores } from '../../src/store/stores.js';
import { createAlert, createArticle } from '../builders/article.js';
import type { FakePlatform } from './fake-platform.js';
import type { VirtualClock } from './virtual-clock.js';

export const NOW = Date.parse('2025-12-13T10:00:00Z');
export const DAY = 86_400_000;

/** A logger whose JSON lines the test can read back. */
export function captureLog(): { log: Logger; lines: Array<{ level: number; msg: string } & Record<string, unknown>> } {
  const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const log = pino({ level: 'debug', base: undefined }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

export function alertNo(i: number, overrides: Partial<Alert> = {}): Alert {
  return createAlert({ article: createArticle({ id: `a${i}`, url: `https://news.example/${i}`, title: `Story ${i}` }), ...overrides });
}

export const channel = (platform: string, id: string): ChannelRef => ({ platform, id });

/** `stores`, an engine on the given platforms' adapters, and a way to run it until nothing is pending. */
export function createHarness(opts: {
  stores: Stores;
  clock: VirtualClock;
  platforms: FakePlatform[];
  log?: Logger;
  policy?: Partial<DeliveryPolicy>;
}): { stores: Stores; engine: DeliveryEngine; drain(): Promise<void> } {
  const { stores } = opts;
  const engine = createDeliveryEngine({
    outbox: stores.outbox,
    adapters: new Map(opts.platforms.map((p) => [p.adapter.platform, p.adapter])),
    subscriptions: stores.subscriptions,
    now: opts.clock.now,
    sleep: opts.clock.sleep,
    random: () => 0.5,
    log: opts.log ?? captureLog().log,
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  return {
    stores,
    engine,
    // Rounds as the scheduler would run them: deliver, then jump to when the next retry is due.
    async drain() {
      for (let round = 0; round < 100; round++) {
        await engine.deliverDue();
        const next = await stores.outbox.nextDueAt();
        if (next === undefined) return;
        opts.clock.advanceTo(next);
      }
      throw new Error('outbox did not drain in 100 rounds');
    },
  };
}
