import { describeEvent } from '../../domain/event-kind.js';
import { createColors } from 'picocolors';
import type { Digest } from '../../digest/build-digest.js';
import type { Alert } from '../../domain/alert.js';
import { stripControls } from '../../text/strip-controls.js';
import { describeSource } from '../../domain/source-label.js';

export interface ConsoleFormatOptions {
  color: boolean;
  /** IANA zone for times; the host's by default. */
  timeZone?: string;
}

/** A readable block for one alert: headline, source line, why, summary, link. */
export function formatAlertForConsole(alert: Alert, opts: ConsoleFormatOptions): string {
  const c = createColors(opts.color);
  const { article } = alert;
  const when = formatTime(article.publishedAt, opts.timeZone);
  const why = describeWhy(alert);
  const lines = [
    `${c.bold(c.yellow('▲'))} ${c.bold(clean(article.title))}`,
    c.dim(`  ${[clean(describeSource(article.source, article.sourceLabel)), article.language, when, `score ${alert.score.toFixed(2)}`].filter(Boolean).join(' · ')}`),
    `  ${c.cyan('why:')} ${why}`,
  ];
  if (alert.event) {
    const { label, reason } = describeEvent(alert.event);
    lines.push(`  ${c.cyan('event:')} ${c.bold(clean(label))} — ${clean(reason)}`);
  }
  if (alert.gist) lines.push(`  ${c.cyan('gist:')} ${clean(alert.gist)}`);
  if (alert.summary) lines.push(`  ${clean(alert.summary)}`);
  if (article.url) lines.push(`  ${c.underline(c.blue(article.url))}`);
  return lines.join('\n');
}

const WHY_GROUPS: Array<[group: string, label: string]> = [
  ['actor', 'actors'],
  ['place', 'places'],
  ['subject', 'subjects'],
  ['keyword', 'keywords'],
  ['context', 'context'],
];
const MAX_NAMES_PER_GROUP = 8;

/** "actors Steve Witkoff, Kirill Dmitriev · places Miami · subjects ceasefire": the evidence, by entity, deduplicated. */
export function describeWhy(alert: Alert): string {
  const byGroup = new Map<string, Set<string>>();
  for (const t of alert.terms) {
    const set = byGroup.get(t.group) ?? new Set<string>();
    set.add(t.name ?? t.text);
    byGroup.set(t.group, set);
  }
  const parts = WHY_GROUPS.filter(([group]) => byGroup.has(group)).map(([group, label]) => {
    const names = [...byGroup.get(group)!];
    const more = names.length > MAX_NAMES_PER_GROUP ? ` +${names.length - MAX_NAMES_PER_GROUP}` : '';
    return `${label} ${names.slice(0, MAX_NAMES_PER_GROUP).join(', ')}${more}`;
  });
  return `${alert.topics.join(', ')}: ${parts.join(' · ')}`;
}

function formatTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
}

// Terminal escape sequences in feed text could rewrite the screen: drop control and bidi characters.
const clean = stripControls;

/** The digest as plain lines: stories ranked by coverage, each with its reach and latest development. */
export function formatDigestForConsole(digest: Digest, timeZone?: string): string {
  const lines = [`peacewatch ${digest.cadence} digest to ${formatTime(new Date(digest.to).toISOString(), timeZone)}: ${digest.stories.length + digest.moreStories} stories`];
  for (const [i, s] of digest.stories.entries()) {
    lines.push(`  ${i + 1}. ${clean(s.headline)} — ${s.kind ? `${s.kind} · ` : ''}${s.outlets} outlets · ${s.languages.join(', ')}`);
    if (s.latest.title !== s.headline) lines.push(`     latest: ${clean(s.latest.title)} (${clean(s.latest.source)})`);
  }
  if (digest.moreStories > 0) lines.push(`  …and ${digest.moreStories} more`);
  return lines.join('\n');
}
