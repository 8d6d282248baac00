/**
 * A channel's digest of one period, from the alerts delivered to it: the period's stories
 * ranked by coverage (outlets, then languages, then recency), each with its latest development,
 * and the reports per day by language for the chart. Pure: entries and the period in, data out.
 */
import type { Alert } from '../domain/alert.js';
import type { EventKind } from '../domain/event-kind.js';
import { coverageOf } from '../domain/source-label.js';
import type { MessageRef } from '../platforms/chat-adapter.js';

export type DigestCadence = 'daily' | 'weekly';

/** What the builder reads of an outbox entry: the alert and, for a story's root, where it was posted. */
export interface DeliveredAlert {
  alert: Alert;
  ref?: MessageRef;
  postedAs?: 'post' | 'reply';
}

export interface DigestStory {
  storyId: string;
  /** The story's first headline in this channel (its root alert). */
  headline: string;
  /** The root alert's message, to link to; absent when the root was delivered before the period's entries. */
  rootRef?: MessageRef;
  /** The root article, the fallback link. */
  rootUrl: string;
  /** The most recent report in the period. */
  latest: { title: string; source: string; url: string; at: number };
  /** The latest development's kind of event ("outcome", "held"), when relevance judged it. */
  kind?: EventKind;
  outlets: number;
  languages: string[];
  /** Reports of the story delivered to this channel in the period. */
  reports: number;
}

export interface DigestDay {
  /** YYYY-MM-DD in the digest's time zone. */
  day: string;
  language: string;
  reports: number;
}

export interface Digest {
  cadence: DigestCadence;
  /** Epoch ms, [from, to). */
  from: number;
  to: number;
  timeZone: string;
  stories: DigestStory[];
  /** Stories beyond `maxStories`, counted but not listed. */
  moreStories: number;
  /** Every day of the period (YYYY-MM-DD in its time zone), quiet ones included: the chart's axis. */
  days: string[];
  /** Reports per day and language (a report without a language counts as "und"). */
  perDay: DigestDay[];
}

export interface DigestOptions {
  cadence: DigestCadence;
  from: number;
  to: number;
  timeZone: string;
  maxStories?: number;
}

export const DEFAULT_MAX_STORIES = 10;
export const PERIOD_MS: Record<DigestCadence, number> = { daily: 24 * 3_600_000, weekly: 7 * 24 * 3_600_000 };

export function buildDigest(delivered: readonly DeliveredAlert[], opts: DigestOptions): Digest {
  const inPeriod = delivered.filter((d) => d.alert.createdAt >= opts.from && d.alert.createdAt < opts.to);
  const byStory = new Map<string, DeliveredAlert[]>();
  for (const d of inPeriod) byStory.set(d.alert.storyId, [...(byStory.get(d.alert.storyId) ?? []), d]);
  const stories = [...byStory.values()].map(storyOf);
  stories.sort(
    (a, b) => b.outlets - a.outlets || b.languages.length - a.languages.length || b.latest.at - a.latest.at || a.storyId.localeCompare(b.storyId),
  );
  const max = opts.maxStories ?? DEFAULT_MAX_STORIES;
  return {
    cadence: opts.cadence,
    from: opts.from,
    to: opts.to,
    timeZone: opts.timeZone,
    stories: stories.slice(0, max),
    moreStories: Math.max(0, stories.length - max),
    days: daysOf(opts.from, opts.to, opts.timeZone),
    perDay: reportsPerDay(inPeriod, opts.timeZone),
  };
}

const dayFormat = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

function daysOf(from: number, to: number, timeZone: string): string[] {
  const format = dayFormat(timeZone);
  const days = new Set<string>();
  // Hourly steps meet every calendar day in any zone (offsets and DST shifts are whole or half hours).
  for (let t = from; t < to; t += 3_600_000) days.add(format.format(t));
  if (to > from) days.add(format.format(to - 1));
  return [...days];
}

function storyOf(entries: DeliveredAlert[]): DigestStory {
  const ordered = [...entries].sort((a, b) => a.alert.createdAt - b.alert.createdAt);
  const first = ordered[0]!;
  const last = ordered.at(-1)!;
  const root = ordered.find((d) => d.alert.kind === 'new' && d.postedAs !== 'reply');
  // The latest alert carries every report of the story so far, the root's own included.
  const { outlets, languages } = coverageOf(last.alert.reportedBy);
  return {
    storyId: first.alert.storyId,
    headline: (root ?? first).alert.article.title,
    ...(root?.ref ? { rootRef: root.ref } : {}),
    rootUrl: (root ?? first).alert.article.url,
    latest: { title: last.alert.article.title, source: last.alert.article.source, url: last.alert.article.url, at: last.alert.createdAt },
    ...(last.alert.event ? { kind: last.alert.event.kind } : {}),
    outlets,
    languages,
    reports: ordered.length,
  };
}

function reportsPerDay(entries: readonly DeliveredAlert[], timeZone: string): DigestDay[] {
  const dayOf = dayFormat(timeZone);
  const counts = new Map<string, DigestDay>();
  for (const { alert } of entries) {
    const day = dayOf.format(alert.createdAt);
    const language = alert.language ?? alert.article.language ?? 'und';
    const key = `${day}|${language}`;
    const entry = counts.get(key) ?? { day, language, reports: 0 };
    entry.reports++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.day.localeCompare(b.day) || a.language.localeCompare(b.language));
}
