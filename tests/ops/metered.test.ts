import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/domain/alert.js';
import type { ChatAdapter, DeliveryOutcome } from '../../src/platforms/chat-adapter.js';
import { meterAdapter } from '../../src/ops/metered.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { sampleValue } from './scrape.js';

function scriptedAdapter(outcomes: DeliveryOutcome[]): ChatAdapter {
  return {
    platform: 'slack',
    rateLimit: { messages: 1, perMs: 1000 },
    start: async () => undefined,
    stop: async () => undefined,
    connection: () => 'retrying',
    postAlert: async () => outcomes.shift()!,
    replyToAlert: async () => outcomes.shift()!,
    updateAlert: async () => outcomes.shift()!,
  };
}

const ref = { platform: 'slack', channelId: 'C1', messageId: '1.0' };
const alert = {} as Alert;

describe('meterAdapter', () => {
  it('counts each request by kind and outcome, and 429s separately, passing outcomes through', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const adapter = meterAdapter(
      scriptedAdapter([
        { ok: false, reason: 'rate-limited', message: '429', retryAfterMs: 1000 },
        { ok: true, ref },
        { ok: true, ref },
        { ok: false, reason: 'gone', message: 'channel_not_found' },
      ]),
      metrics,
    );
    expect(await adapter.postAlert('C1', alert, { idempotencyKey: 'k' })).toMatchObject({ reason: 'rate-limited' });
    await adapter.postAlert('C1', alert, { idempotencyKey: 'k' });
    await adapter.replyToAlert(ref, alert, { idempotencyKey: 'k2' });
    await adapter.updateAlert(ref, alert, { idempotencyKey: 'k2' });
    const text = await metrics.registry.metrics();
    const n = (request: string, outcome: string) => sampleValue(text, 'peacewatch_deliveries_total', { platform: 'slack', request, outcome });
    expect([n('post', 'rate-limited'), n('post', 'sent'), n('reply', 'sent'), n('edit', 'gone')]).toEqual([1, 1, 1, 1]);
    expect(sampleValue(text, 'peacewatch_rate_limited_total', { platform: 'slack' })).toBe(1);
  });

  it('keeps the rest of the adapter its own', () => {
    const adapter = meterAdapter(scriptedAdapter([]), createMetrics({ processMetrics: false }));
    expect(adapter.platform).toBe('slack');
    expect(adapter.connection?.()).toBe('retrying');
  });
});
