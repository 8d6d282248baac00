import type { Logger } from 'pino';
import type { ChatAdapter } from '../platforms/chat-adapter.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { createDeliveryEngine, type DeliveryEngine, type DeliveryReport } from './delivery-engine.js';

export type { DeliveryReport } from './delivery-engine.js';

export interface DeliveryDeps {
  outbox: OutboxStore;
  adapters: ReadonlyMap<string, ChatAdapter>;
  /** Without it a gone or forbidden channel is only logged, not paused: pass it. */
  subscriptions?: Pick<SubscriptionStore, 'setPaused'>;
  now: () => number;
  log: Logger;
}

// Rate limiters and channel workers must outlive one call, so the engine is kept per outbox
// (one per app). Prefer creating the engine in main.ts; this keeps the old call shape working.
const engines = new WeakMap<OutboxStore, { adapters: ReadonlyMap<string, ChatAdapter>; engine: DeliveryEngine }>();

/** Sends every due outbox entry (see createDeliveryEngine): the call shape run-cycle has always used. */
export function deliverOutbox(deps: DeliveryDeps): Promise<DeliveryReport> {
  let kept = engines.get(deps.outbox);
  if (!kept || kept.adapters !== deps.adapters) {
    const subscriptions = deps.subscriptions ?? { setPaused: async () => 0 };
    kept = { adapters: deps.adapters, engine: createDeliveryEngine({ ...deps, subscriptions }) };
    engines.set(deps.outbox, kept);
  }
  return kept.engine.deliverDue();
}
