/**
 * Alerts and command replies as Slack messages (Block Kit + a plain `text` fallback). Pure.
 *
 * Every string from an article or a user goes through slack-escape.ts. The only mention
 * ever sent is a subscription's configured `mention`, and only in a recognised form.
 */
import { describeEvent } from '../../domain/event-kind.js';
import type { types as SlackTypes } from '@slack/bolt';
import type { CommandReply } from '../../commands/command-types.js';
import type { Alert, StoryReport } from '../../domain/alert.js';
import { coverageOf, describeSource, groupBySourceType } from '../../domain/source-label.js';
import { truncate } from '../../text/truncate.js';
import { escapeMrkdwn, link, safeMention } from './slack-escape.js';

type Block = SlackTypes.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const ALERT_EVENT_TYPE = 'peacewatch_alert';

export const alertMetadata = (idempotencyKey: string) => ({
  event_type: ALERT_EVENT_TYPE,
  event_payload: { key: idempotencyKey },
});

// Slack's limits: 3000 for a section or context text, 2000 for a field.
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const MAX_NAMES = 6;
const MAX_REPORTS = 8;

export function formatAlert(alert: Alert, opts: { mention?: string } = {}): SlackMessage {
  const { article } = alert;
  const mention = safeMention(opts.mention);
  const title = truncate(article.title, 250);
  const headline = fitLinked(`${mention ? `${mention} ` : ''}*`, article.url, title, '*');
  const blocks: Block[] = [section(headline), context(sourceLine(alert))];
  const fields = factFields(alert);
  if (fields.length > 0) blocks.push({ type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) });
  if (alert.summary && alert.summary !== article.title) blocks.push(section(escapeMrkdwn(truncate(alert.summary, 1500))));
  if (alert.gist) blocks.push(context(`:gb: ${escapeMrkdwn(truncate(alert.gist, 300))}`));
  if (alert.event) {
    const { label, reason } = describeEvent(alert.event);
    blocks.push(context(`*${escapeMrkdwn(label)}* · ${escapeMrkdwn(truncate(reason, 300))}`));
  }
  const why = describeWhy(alert);
  if (why) blocks.push(context(`why: ${escapeMrkdwn(why)} · score ${alert.score.toFixed(2)}`));
  const also = alsoReportedBy(alert);
  if (also) blocks.push(context(also));
  const text = `${mention ? `${mention} ` : ''}${escapeMrkdwn(truncate(article.title, 250))} (${escapeMrkdwn(article.source)})`;
  return { text, blocks };
}

/** A later report of a story, posted in the thread of the first alert. */
export function formatReport(alert: Alert): SlackMessage {
  const { article } = alert;
  const lang = alert.language ?? article.language;
  const head = fitLinked(
    `Also reported by *${escapeMrkdwn(truncate(article.source, 200))}*${lang ? ` (${lang.toUpperCase()})` : ''}: `,
    article.url,
    truncate(article.title, 250),
    '',
  );
  const blocks: Block[] = [section(head)];
  if (alert.summary && alert.summary !== article.title) blocks.push(context(escapeMrkdwn(truncate(alert.summary, 600))));
  return { text: `Also reported by ${escapeMrkdwn(article.source)}: ${escapeMrkdwn(truncate(article.title, 250))}`, blocks };
}

/** A command reply: the neutral markup (*bold*, `code`, bullets) is Slack's mrkdwn already; only escaping is left. */
export const formatReply = (reply: CommandReply): string =>
  truncate(`${reply.isError ? ':warning: ' : ''}${escapeMrkdwn(reply.text)}`, 3900);

/** "Steve Witkoff, Kirill Dmitriev · subjects ceasefire · keywords …", deduplicated by entity. */
export function describeWhy(alert: Alert): string {
  const parts = [
    ['actors', namesOf(alert, 'actor')],
    ['places', namesOf(alert, 'place')],
    ['subjects', namesOf(alert, 'subject')],
    ['keywords', alert.keywords],
    ['context', namesOf(alert, 'context')],
  ] as const;
  return parts
    .filter(([, names]) => names.length > 0)
    .map(([label, names]) => `${label} ${names.slice(0, MAX_NAMES).join(', ')}${names.length > MAX_NAMES ? ` +${names.length - MAX_NAMES}` : ''}`)
    .join(' · ');
}

function namesOf(alert: Alert, group: string): string[] {
  return [...new Set(alert.terms.filter((t) => t.group === group).map((t) => t.name ?? t.text))];
}

function sourceLine(alert: Alert): string {
  const { article } = alert;
  const lang = alert.language ?? article.language;
  return [escapeMrkdwn(describeSource(article.source, article.sourceLabel)), lang?.toUpperCase(), slackDate(article.publishedAt)].filter(Boolean).join(' · ');
}

/** Slack renders `<!date^…>` in each reader's own time zone; the fallback is UTC. */
function slackDate(iso: string): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

function factFields(alert: Alert): string[] {
  const field = (label: string, names: string[]) =>
    names.length === 0 ? [] : [truncate(`*${label}*\n${escapeMrkdwn(names.slice(0, MAX_NAMES).join(', '))}`, FIELD_MAX)];
  return [
    ...field('Actors', namesOf(alert, 'actor')),
    ...field('Venue', namesOf(alert, 'place')),
    ...field('Topics', [...alert.topics, ...alert.keywords.map((k) => `"${k}"`)]),
  ];
}

function alsoReportedBy(alert: Alert): string | undefined {
  const others = alert.reportedBy.filter((r) => r.articleId !== alert.id);
  if (others.length === 0) return undefined;
  const groups = groupBySourceType(others.slice(0, MAX_REPORTS));
  const { outlets, languages } = coverageOf(alert.reportedBy);
  // The story's reach and each report's language, when more than one language or outlet type tells something.
  const detailed = languages.length > 1 || groups.some((g) => g.type);
  const reportLink = (r: StoryReport): string => `${link(r.url, truncate(r.source, 100))}${detailed && r.language ? ` (${r.language})` : ''}`;
  const reach = detailed ? ` (${outlets} outlets · ${languages.join(', ') || 'language unknown'})` : '';
  // Whole links only, while they fit: a link cut by the section limit would leave `<https://…` open.
  let budget = SECTION_MAX - 40 - `Also reported by${reach} `.length;
  let shown = 0;
  const listed = groups
    .map((g) => {
      const head = g.type ? `_${g.type}_: ` : '';
      const parts: string[] = [];
      for (const r of g.reports) {
        const part = reportLink(r);
        if (part.length + head.length + 3 > budget) break;
        budget -= part.length + 2;
        parts.push(part);
      }
      shown += parts.length;
      if (parts.length > 0) budget -= head.length + 3;
      return parts.length > 0 ? `${head}${parts.join(', ')}` : '';
    })
    .filter(Boolean)
    .join(' · ');
  const more = others.length > shown ? ` +${others.length - shown} more` : '';
  return `Also reported by${reach} ${listed}${more}`;
}

/** `before<url|label>after` when it fits in a section, else the label unlinked: never markup cut in half. */
function fitLinked(before: string, url: string, label: string, after: string): string {
  const linked = `${before}${link(url, label)}${after}`;
  return linked.length <= SECTION_MAX ? linked : truncate(`${before}${escapeMrkdwn(label)}${after}`, SECTION_MAX);
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_MAX) }] });
