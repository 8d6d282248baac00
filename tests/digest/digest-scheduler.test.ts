import { Writable } from 'node:stream';
import { validate } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronFor, sendDigest } from '../../src/digest/digest-scheduler.js';
import { silentLogger } from '../../src/logger.js';
import type { ChatAdapter } from '../../src/platforms/chat-adapter.js';
import { createConsoleAdapter } from '../../src/platforms/console/console-adapter.js';
import type { OutboxEntry } from '../../src/store/outbox-store.js';
import { fixturePeriod, PERIOD_END } from './digest-fixture.js';

/** The outbox as sendDigest reads it: a channel's sent entries, newest first. */
const outboxOf = (channelKey: string) => {
  const reads: Array<{ channel: string; n: number }> = [];
  const entries = fixturePeriod().map((d, i) => ({ ...d, id: `e${i}`, status: 'sent', kind: d.alert.kind }) as unknown as OutboxEntry).reverse();
  return {
    reads,
    outbox: {
      recentForChannel: async (channel: { platform: string; id: string }, n: number) => {
        reads.push({ channel: `${channel.platform}:${channel.id}`, n });
        return `${channel.platform}:${channel.id}` === channelKey ? entries.slice(0, n) : [];
      },
    },
  };
};

describe('cronFor', () => {
  it.each([
    [{ cadence: 'daily', at: '08:00' }, '0 8 * * *'],
    [{ cadence: 'weekly', at: '07:30' }, '30 7 * * 1'],
  ] as const)('turns %j into %s', (schedule, expected) => {
    expect(cronFor(schedule)).toBe(expected);
    expect(validate(expected)).toBe(true);
  });
});

describe('sendDigest', () => {
  it("posts the week's digest with its chart through the channel's adapter", async () => {
    const chunks: string[] = [];
    const out = new Writable({ write: (c, _e, done) => (chunks.push(String(c)), done()) });
    const { outbox, reads } = outboxOf('console:stdout');
    const outcome = await sendDigest(
      { outbox, adapters: new Map([['console', createConsoleAdapter({ out, color: false, timeZone: 'UTC' })]]), log: silentLogger() },
      { channel: 'console:stdout', cadence: 'weekly', at: '08:00', timeZone: 'Europe/Kyiv' },
      PERIOD_END,
    );
    expect(outcome).toMatchObject({ ok: true });
    expect(reads).toEqual([{ channel: 'console:stdout', n: 500 }]);
    const text = chunks.join('');
    expect(text).toMatch(/^peacewatch weekly digest to .*: 3 stories\n {2}1\. Witkoff and Dmitriev meet in Miami — 6 outlets · de, en, fr, ru, uk\n {5}latest: Miami talks: draft framework agreed \(The Guardian\)/u);
    expect(text).toMatch(/chart: peacewatch-digest\.png, \d{4,} bytes/u);
  });

  it('says why when the channel has no adapter that posts digests', async () => {
    const webhookOnly = { platform: 'slack-webhook' } as ChatAdapter;
    const outcome = await sendDigest(
      { outbox: outboxOf('x').outbox, adapters: new Map([['slack-webhook', webhookOnly]]), log: silentLogger() },
      { channel: 'slack-webhook:desk', cadence: 'daily', at: '08:00', timeZone: 'UTC' },
      PERIOD_END,
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'gone', message: expect.stringContaining('cannot post digests') });
  });
});
