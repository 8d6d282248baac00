import type { CycleReport } from '../pipeline/run-cycle.js';

/** The one line a cycle ends with: feeds, articles, matched, alerted. */
export function formatTally(r: CycleReport): string {
  const feeds = `feeds ${r.polled}/${r.feeds} (${r.ok} ok, ${r.notModified} not modified, ${r.failed.length} failed)`;
  return `tally: ${feeds} · articles ${r.articles} (${r.fresh} new) · matched ${r.matched} · alerted ${r.alerted} · delivered ${r.delivery.sent}`;
}

export function formatFailures(r: CycleReport): string[] {
  return r.failed.map((f) => `  ✗ ${f.feedId}: [${f.kind}] ${f.message}`);
}
