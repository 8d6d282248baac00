// Delivery benchmark: 1,000 alerts to 50 channels (25 Slack, 25 Discord) through the real
// delivery engine and outbox (SQLite in memory), to fake platforms that enforce Slack's limit
// (1 message/s per channel) and Discord's (5 per 5 s per channel, 50/s per bot) and answer
// 429 when they are passed. Time is virtual (tests/delivery/virtual-clock.ts): the engine
// sleeps on it, so ~20 s of platform time runs in about a second of wall time.
// Run: npx tsx bench/delivery-bench.ts  — exits 1 if any alert is lost or doubled.
import { performance } from 'node:perf_hooks';
import type { ChannelRef } from '../src/domain/channel.js';
import { createDeliveryEngine } from '../src/delivery/delivery-engine.js';
import type { ChannelRateLimit } from '../src/platforms/chat-adapter.js';
import { openStores } from '../src/store/stores.js';
import { silentLogger } from '../src/logger.js';
import { alertNo } from '../tests/delivery/delivery-harness.js';
import { createFakePlatform, type CallMethod, type ScriptedAnswer } from '../tests/delivery/fake-platform.js';
import { createVirtualClock } from '../tests/delivery/virtual-clock.js';

const ALERTS = 1_000;
const CHANNELS_PER_PLATFORM = 25;
const SLACK: ChannelRateLimit = { messages: 1, perMs: 1_000 };
const DISCORD: ChannelRateLimit = { messages: 5, perMs: 5_000 };
const DISCORD_GLOBAL: ChannelRateLimit = { messages: 50, perMs: 1_000 };
const T0 = Date.parse('2025-12-13T10:00:00Z');

interface Scenario {
  name: string;
  /** Every 10th alert after the first round is an update of the story posted 50 alerts earlier (same channel). */
  updates: boolean;
  /** Share of calls answered 503 / landed-then-timed-out / an unannounced 429. */
  faults?: { transient: number; lost: number; surprise429: number };
}

const scenarios: Scenario[] = [
  { name: 'limits only', updates: false },
  { name: 'limits + updates + faults', updates: true, faults: { transient: 0.03, lost: 0.01, surprise429: 0.01 } },
];

/** Deterministic randomness (mulberry32), so two runs report the same figures. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The least time the limits allow for `count` messages all queued at t=0. */
const minimumMs = (count: number, limit: ChannelRateLimit) => (count <= 0 ? 0 : Math.floor((count - 1) / limit.messages) * limit.perMs);

async function run(scenario: Scenario) {
  const clock = createVirtualClock(T0);
  const random = seeded(42);
  const chaos = scenario.faults
    ? (method: CallMethod): ScriptedAnswer | undefined => {
        if (method === 'find') return undefined;
        const r = random();
        const f = scenario.faults!;
        if (r < f.transient) return { reason: 'transient', message: 'HTTP 503' };
        if (r < f.transient + f.lost) return method === 'edit' ? undefined : 'land-then-fail';
        if (r < f.transient + f.lost + f.surprise429) return { reason: 'rate-limited', retryAfterMs: 2_000 };
        return undefined;
      }
    : undefined;
  const slack = createFakePlatform({ platform: 'slack', rateLimit: SLACK, now: clock.now, dedup: 'find', enforce: { perChannel: SLACK }, chaos });
  const discord = createFakePlatform({
    platform: 'discord',
    rateLimit: DISCORD,
    now: clock.now,
    dedup: 'nonce',
    enforce: { perChannel: DISCORD, global: DISCORD_GLOBAL },
    chaos,
  });
  const stores = await openStores('sqlite://:memory:', { dedupTtlMs: 86_400_000 });
  const engine = createDeliveryEngine({
    outbox: stores.outbox,
    adapters: new Map([
      ['slack', slack.adapter],
      ['discord', discord.adapter],
    ]),
    subscriptions: stores.subscriptions,
    now: clock.now,
    sleep: clock.sleep,
    random: seeded(7),
    log: silentLogger(),
  });

  const channels: ChannelRef[] = [];
  for (let i = 0; i < CHANNELS_PER_PLATFORM; i++) {
    channels.push({ platform: 'slack', id: `C${i}` }, { platform: 'discord', id: `D${i}` });
  }
  const expected = new Map<string, string[]>();
  for (let i = 0; i < ALERTS; i++) {
    const channel = channels[i % channels.length]!;
    const isUpdate = scenario.updates && i >= channels.length && i % 10 === 0;
    const alert = isUpdate ? alertNo(i, { kind: 'update', rootAlertId: `a${i - channels.length}`, storyId: `a${i - channels.length}` }) : alertNo(i);
    await stores.outbox.enqueue(alert, [channel], T0);
    expected.set(channel.id, [...(expected.get(channel.id) ?? []), alert.id]);
  }

  const wallStart = performance.now();
  for (let round = 0; (await stores.outbox.pendingCount()) > 0; round++) {
    if (round > 1_000) throw new Error('outbox did not drain');
    await engine.deliverDue();
    const next = await stores.outbox.nextDueAt();
    if (next !== undefined) clock.advanceTo(next);
  }
  const wallMs = performance.now() - wallStart;
  const elapsedMs = clock.now() - T0;

  let lost = 0;
  let doubled = 0;
  let outOfOrder = 0;
  for (const [channelId, alertIds] of expected) {
    const platform = channelId.startsWith('C') ? slack : discord;
    const got = platform.inChannel(channelId);
    const keys = new Map<string, number>();
    for (const m of got) keys.set(m.alertId, (keys.get(m.alertId) ?? 0) + 1);
    lost += alertIds.filter((id) => !keys.has(id)).length;
    doubled += [...keys.values()].filter((n) => n > 1).length;
    if (got.map((m) => m.alertId).join() !== alertIds.join()) outOfOrder++;
  }
  const perChannel = ALERTS / channels.length;
  const minMs = Math.max(
    minimumMs(perChannel, SLACK),
    minimumMs(perChannel, DISCORD),
    minimumMs(ALERTS / 2, DISCORD_GLOBAL),
  );
  const injected429 = [...slack.calls, ...discord.calls].filter((c) => c.answer === 'rate-limited').length - slack.stats.refusedForRate - discord.stats.refusedForRate;
  await stores.db.close();
  return {
    scenario: scenario.name,
    deliveries: ALERTS,
    elapsedMs,
    minMs,
    ratio: elapsedMs / minMs,
    refused429: slack.stats.refusedForRate + discord.stats.refusedForRate,
    injected429,
    lost,
    doubled,
    outOfOrder,
    wallMs,
  };
}

const results = [];
for (const scenario of scenarios) results.push(await run(scenario));

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rows = [
  ['scenario', 'deliveries', 'virtual time', 'limit minimum', 'ratio', '429 by limits', '429 injected', 'lost', 'doubled', 'out of order', 'wall'],
  ...results.map((r) => [
    r.scenario,
    String(r.deliveries),
    s(r.elapsedMs),
    s(r.minMs),
    `${r.ratio.toFixed(2)}×`,
    String(r.refused429),
    String(r.injected429),
    String(r.lost),
    String(r.doubled),
    String(r.outOfOrder),
    s(r.wallMs),
  ]),
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(
  `\n${ALERTS} alerts, ${CHANNELS_PER_PLATFORM} Slack channels (1/s) + ${CHANNELS_PER_PLATFORM} Discord channels (5 per 5 s, 50/s global); virtual clock.` +
    '\nTargets: ratio ≤ 1.20× with limits only; no 429 from the limits; lost = doubled = 0 in every scenario.',
);

const bad = results.filter((r) => r.lost > 0 || r.doubled > 0 || r.outOfOrder > 0);
if (bad.length > 0) {
  console.error(`FAIL: ${bad.map((r) => `${r.scenario}: lost ${r.lost}, doubled ${r.doubled}, out of order ${r.outOfOrder}`).join('; ')}`);
  process.exit(1);
}
