import type { Writable } from 'node:stream';
import type { PeacewatchConfig } from '../config/config-types.js';
import { describeLatency, formatLatency, LATENCY_WINDOW_MS, summarizeLatency } from '../domain/latency.js';
import { openStores } from '../store/stores.js';

const DAY_MS = 86_400_000;

/**
 * `latency [--json]`: median and 95th-percentile publication-to-post latency over the last day,
 * overall and per feed (slowest first), read from the store's posted deliveries.
 */
export async function runLatencyCommand(opts: {
  config: PeacewatchConfig;
  json: boolean;
  out: Writable;
  now?: number;
  cwd?: string;
}): Promise<number> {
  const { config } = opts;
  const now = opts.now ?? Date.now();
  const stores = await openStores(config.store.url, { cwd: opts.cwd, dedupTtlMs: config.dedup.ttlDays * DAY_MS });
  try {
    const report = summarizeLatency(await stores.outbox.postedSince(now - LATENCY_WINDOW_MS), now);
    const name = (id: string) => config.feeds.find((f) => f.id === id)?.name ?? id;
    if (opts.json) {
      opts.out.write(`${JSON.stringify({ ...report, perFeed: report.perFeed.map((f) => ({ ...f, name: name(f.feedId) })) })}\n`);
      return 0;
    }
    if (report.overall === undefined) {
      opts.out.write('publication → post latency, last 24 h: no alerts posted\n');
      return 0;
    }
    const width = Math.min(40, Math.max(4, ...report.perFeed.map((f) => name(f.feedId).length)));
    const lines = [
      `publication → post latency, last 24 h: ${describeLatency(report.overall)}`,
      `${'feed'.padEnd(width)}  ${'median'.padStart(9)}  ${'p95'.padStart(9)}  alerts`,
      ...report.perFeed.map(
        (f) => `${name(f.feedId).slice(0, width).padEnd(width)}  ${formatLatency(f.medianMs).padStart(9)}  ${formatLatency(f.p95Ms).padStart(9)}  ${f.count}`,
      ),
    ];
    opts.out.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await stores.db.close();
  }
}
