import { describe, expect, it } from 'vitest';
import type { CycleReport } from '../../src/pipeline/run-cycle.js';
import { describeCycle } from '../../src/ops/cycle-line.js';

const report = (over: Partial<CycleReport>): CycleReport => ({
  feeds: 0, polled: 0, ok: 0, notModified: 0, failed: [], delivery: { sent: 0, retrying: 0, undeliverable: 0 },
  articles: 0, fresh: 0, skippedOld: 0, matched: 0, alerted: 0, ...over,
} as CycleReport);
const name = (id: string) => `Feed ${id.toUpperCase()}`;
const failed = (kind: string, ...ids: string[]) => ids.map((feedId) => ({ feedId, kind, message: `fetch: ${kind}` })) as CycleReport['failed'];

describe('describeCycle', () => {
  it('says it all in one info line when nothing failed', () => {
    const d = describeCycle(report({ polled: 2, ok: 1, notModified: 1, fresh: 5, matched: 2, alerted: 1, delivery: { sent: 1, retrying: 0, undeliverable: 0 } }), name);
    expect(d.level).toBe('info');
    expect(d.msg).toBe('cycle: 2 feeds polled, 1 ok, 1 not modified, 0 failed · 5 new articles, 2 matched, 1 alerted, 1 delivered');
    expect(d.fields).not.toHaveProperty('failedByKind');
  });

  it('groups failures by kind, most first, with feed names (three, then a count)', () => {
    const d = describeCycle(report({ polled: 6, ok: 1, failed: [...failed('http-status', 'x'), ...failed('dns', 'a', 'b', 'c', 'd')] }), name);
    expect(d.level).toBe('warn');
    expect(d.msg).toContain('— failed: dns 4 (Feed A, Feed B, Feed C, +1 more); http-status 1 (Feed X)');
    expect(d.msg).not.toContain('network');
    expect(d.fields.failedByKind).toEqual({ dns: 4, 'http-status': 1 });
  });

  it('adds a hint when every feed was unreachable', () => {
    const d = describeCycle(report({ polled: 3, failed: [...failed('dns', 'a', 'b'), ...failed('timeout', 'c')] }), name);
    expect(d.msg).toMatch(/— all 3 feeds unreachable: is the network down\?$/u);
  });

  it('gives no network hint when publishers answered, however badly', () => {
    expect(describeCycle(report({ polled: 2, failed: failed('http-status', 'a', 'b') }), name).msg).not.toContain('network');
  });
});
