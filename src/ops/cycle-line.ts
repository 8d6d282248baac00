import type { CycleReport } from '../pipeline/run-cycle.js';

/** Kinds that mean "could not reach the publisher at all", as opposed to a publisher answering badly. */
const UNREACHABLE = new Set<string>(['dns', 'timeout', 'connection', 'tls']);
/** Feed names shown per kind; the rest are counted ("+38 more"): the full list is at debug level. */
const NAMES_SHOWN = 3;

/**
 * The one line a cycle of `start` logs: counts, failures grouped by kind with feed names, and a
 * hint when nothing could be reached. Warn when a feed failed, info otherwise.
 */
export function describeCycle(
  report: CycleReport,
  feedName: (id: string) => string,
): { level: 'info' | 'warn'; msg: string; fields: Record<string, unknown> } {
  const byKind = new Map<string, string[]>();
  for (const f of report.failed) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), feedName(f.feedId)]);
  const kinds = [...byKind].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const failures = kinds.map(([kind, names]) => {
    const shown = names.slice(0, NAMES_SHOWN).join(', ');
    return `${kind} ${names.length} (${shown}${names.length > NAMES_SHOWN ? `, +${names.length - NAMES_SHOWN} more` : ''})`;
  });
  const parts = [
    `cycle: ${report.polled} feeds polled, ${report.ok} ok, ${report.notModified} not modified, ${report.failed.length} failed`,
    `${report.fresh} new articles, ${report.matched} matched, ${report.alerted} alerted, ${report.delivery.sent} delivered`,
  ];
  let msg = parts.join(' · ');
  if (failures.length > 0) msg += ` — failed: ${failures.join('; ')}`;
  const allUnreachable =
    report.polled > 1 && report.failed.length === report.polled && report.failed.every((f) => UNREACHABLE.has(f.kind));
  if (allUnreachable) msg += ` — all ${report.polled} feeds unreachable: is the network down?`;
  return {
    level: report.failed.length > 0 ? 'warn' : 'info',
    msg,
    fields: {
      polled: report.polled,
      ok: report.ok,
      notModified: report.notModified,
      failed: report.failed.length,
      fresh: report.fresh,
      matched: report.matched,
      alerted: report.alerted,
      sent: report.delivery.sent,
      ...(kinds.length > 0 ? { failedByKind: Object.fromEntries(kinds.map(([k, n]) => [k, n.length])) } : {}),
    },
  };
}
