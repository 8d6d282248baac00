import { describe, expect, it } from 'vitest';
import { assessReadiness, type ReadinessInputs } from '../../src/ops/readiness.js';

const MIN = 60_000;
const base: ReadinessInputs = { startedAt: 0, lastCycleAt: 10 * MIN, tickMs: MIN, platforms: [], now: 11 * MIN };

describe('assessReadiness', () => {
  it('is ready when the store answers, the last cycle is recent and no platform failed', () => {
    expect(assessReadiness(base)).toEqual({ ready: true, notReady: [] });
  });

  it.each([
    ['the store does not answer', { storeError: 'unreachable: SQLITE_BUSY' }, 'store'],
    ['the last cycle is 3 ticks old', { now: 13 * MIN }, 'cycle'],
    ['no cycle completed within 3 ticks of start', { lastCycleAt: undefined, now: 3 * MIN }, 'cycle'],
    ['a platform refused its credentials', { platforms: [{ platform: 'discord', state: 'failed' as const }] }, 'discord'],
  ])('is not ready when %s, and names the part', (_what, change, part) => {
    const r = assessReadiness({ ...base, ...change });
    expect(r.ready).toBe(false);
    expect(r.notReady.map((n) => n.part)).toEqual([part]);
  });

  it.each(['connecting', 'retrying', 'connected'] as const)('a platform still %s keeps it ready', (state) => {
    expect(assessReadiness({ ...base, platforms: [{ platform: 'slack', state }] }).ready).toBe(true);
  });

  it('gives a fresh process three ticks for its first cycle', () => {
    expect(assessReadiness({ ...base, lastCycleAt: undefined, now: 3 * MIN - 1 }).ready).toBe(true);
  });

  it('says how old the last cycle is', () => {
    expect(assessReadiness({ ...base, now: 15 * MIN }).notReady[0]!.reason).toBe('last cycle completed 300 s ago (limit 3 ticks, 180 s)');
  });
});
