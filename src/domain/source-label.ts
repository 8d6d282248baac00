/**
 * What kind of outlet a feed is, so a reader can weigh a report ("TASS · state-affiliated · ru")
 * and a channel can group or leave out kinds of sources. The labelling policy is in the README.
 */
export const SOURCE_TYPES = [
  'wire',
  'broadcaster',
  'newspaper',
  'state-affiliated',
  'official',
  'independent',
  'aggregator',
] as const;

export type SourceType = (typeof SOURCE_TYPES)[number];

/** A feed's label as shown with its reports. */
export interface SourceLabel {
  type: SourceType;
  /** ISO 3166-1 alpha-2, lower-case ("ru", "ua", "gb"). */
  country?: string;
  /** Why the label was given (config only; required for state-affiliated). */
  reason?: string;
}

/** "RIA Novosti · state-affiliated · ru"; just the name when the feed is unlabelled. */
export const describeSource = (name: string, label: SourceLabel | undefined): string =>
  [name, label?.type, label?.country].filter(Boolean).join(' · ');

/** The order groups are listed in: the parties' own words first, then primary reporting, then the rest. */
const TYPE_ORDER: readonly SourceType[] = ['official', 'wire', 'broadcaster', 'newspaper', 'independent', 'state-affiliated', 'aggregator'];

export interface SourceGroup<R> {
  /** undefined: reports of feeds that carry no label. */
  type: SourceType | undefined;
  reports: R[];
}

/** Reports grouped by their source type, in TYPE_ORDER, unlabelled last; order inside a group kept. */
export function groupBySourceType<R extends { sourceType?: SourceType }>(reports: readonly R[]): SourceGroup<R>[] {
  const groups = new Map<SourceType | undefined, R[]>();
  for (const r of reports) {
    const list = groups.get(r.sourceType) ?? [];
    list.push(r);
    groups.set(r.sourceType, list);
  }
  const rank = (t: SourceType | undefined) => (t === undefined ? TYPE_ORDER.length : TYPE_ORDER.indexOf(t));
  return [...groups].sort(([a], [b]) => rank(a) - rank(b)).map(([type, list]) => ({ type, reports: list }));
}

/** Outlets and languages counted once each: "5 outlets · 3 languages". */
export function coverageOf(reports: readonly { source: string; language?: string }[]): { outlets: number; languages: string[] } {
  const outlets = new Set(reports.map((r) => r.source));
  const languages = [...new Set(reports.map((r) => r.language).filter((l): l is string => Boolean(l)))].sort();
  return { outlets: outlets.size, languages };
}
