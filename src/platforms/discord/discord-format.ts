// Pure formatting for Discord: alert embeds, the wire body of a message, command replies.
// Feed text is untrusted: every string goes through discord-escape.ts.
import { describeEvent } from '../../domain/event-kind.js';
import { createHash } from 'node:crypto';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Alert, StoryReport } from '../../domain/alert.js';
import { truncate } from '../../text/truncate.js';
import { isLinkableUrl } from '../../text/url-checks.js';
import { stripControls } from '../../text/strip-controls.js';
import { safePlainText, safeText } from './discord-escape.js';
import { coverageOf, describeSource, groupBySourceType } from '../../domain/source-label.js';

/** Discord's documented limits (characters, counted here in UTF-16 units, which is never fewer). */
export const DISCORD_LIMITS = { title: 256, description: 4096, fieldValue: 1024, footer: 2048, content: 2000, nonce: 25, embedTotal: 6000 } as const;

const NEW_COLOR = 0x2f6fd6;
const UPDATE_COLOR = 0x7a8594;
export const ALSO_REPORTED_BY = 'Also reported by';

/** What a channel message or webhook execution carries (snake_case: the REST body). */
export interface DiscordMessageBody {
  content: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: []; roles?: string[]; replied_user?: boolean };
}

/** A ≤25-character nonce derived from the idempotency key: the same key always gives the same nonce. */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, DISCORD_LIMITS.nonce);
}

/** A role id from a subscription's mention ("123", "<@&123>"); anything else (users, @everyone) is refused. */
export function roleIdOf(mention: string | undefined): string | undefined {
  const m = mention === undefined ? null : /^\s*(?:<@&)?(\d{5,25})>?\s*$/u.exec(mention);
  return m?.[1];
}

function namesInGroup(alert: Alert, group: string): string[] {
  return [...new Set(alert.terms.filter((t) => t.group === group).map((t) => t.name ?? t.text))];
}

function field(name: string, values: string[]): APIEmbedField[] {
  if (values.length === 0) return [];
  return [{ name, value: truncate(values.map(safeText).join(', '), DISCORD_LIMITS.fieldValue), inline: true }];
}

/** The embed for one alert: headline linked to the article, gist and summary, the evidence, source. */
export function formatAlertEmbed(alert: Alert): APIEmbed {
  const { article } = alert;
  const gist = alert.gist.trim() ? `*${safeText(alert.gist.trim())}*` : '';
  const summary = alert.summary.trim() ? safeText(alert.summary.trim()) : '';
  const description = [gist, summary].filter(Boolean).join('\n\n');
  const topics = [...alert.topics, ...alert.keywords.map((k) => `"${k}"`)];
  const language = alert.language ?? article.language;
  const published = Date.parse(article.publishedAt);
  const embed: APIEmbed = {
    color: alert.kind === 'update' ? UPDATE_COLOR : NEW_COLOR,
    fields: [
      ...(alert.event ? field('Event', [`${describeEvent(alert.event).label} — ${describeEvent(alert.event).reason}`]) : []),
      ...field('Actors', namesInGroup(alert, 'actor')),
      ...field('Venue', namesInGroup(alert, 'place')),
      ...field('Topics', topics),
    ],
    // Footers render no markdown (escapes would show), but mentions are broken all the same.
    footer: { text: truncate(safePlainText([describeSource(article.source, article.sourceLabel), language].filter(Boolean).join(' · ')) || 'peacewatch', DISCORD_LIMITS.footer) },
  };
  const title = article.title.trim();
  if (title) embed.title = truncate(safeText(title), DISCORD_LIMITS.title);
  if (isLinkableUrl(article.url)) embed.url = article.url;
  if (description) embed.description = truncate(description, DISCORD_LIMITS.description);
  if (!Number.isNaN(published)) embed.timestamp = new Date(published).toISOString();
  return fitEmbed(embed);
}

/** The body of an alert message: content is empty unless a role is to be mentioned, and only that role may ping. */
export function formatAlertMessage(alert: Alert, opts: { mention?: string } = {}): DiscordMessageBody {
  const role = roleIdOf(opts.mention);
  return {
    content: role ? `<@&${role}>` : '',
    embeds: [formatAlertEmbed(alert)],
    allowed_mentions: role ? { parse: [], roles: [role] } : { parse: [] },
  };
}

/**
 * "[Reuters](url) · [Le Monde](url)": every report after the root, within one field value. When
 * feeds are labelled, one line per source type ("**wire**: …") under a line with the story's reach.
 */
export function formatReportedBy(reports: StoryReport[]): string | undefined {
  const later = reports.slice(1);
  if (later.length === 0) return undefined;
  const groups = groupBySourceType(later);
  const { outlets, languages } = coverageOf(reports);
  const labelled = groups.some((g) => g.type);
  const lines: string[] = labelled || languages.length > 1 ? [`${outlets} outlets · ${languages.join(', ') || 'language unknown'}`] : [];
  let length = lines.join('\n').length;
  let shown = 0;
  for (const group of groups) {
    const parts: string[] = [];
    const head = group.type ? `**${group.type}**: ` : '';
    let lineLength = head.length;
    for (const r of group.reports) {
      const name = safeText(r.source);
      // Parentheses in a URL would end the masked link early.
      const linked = isLinkableUrl(r.url) ? `[${name}](${r.url.replace(/\(/gu, '%28').replace(/\)/gu, '%29')})` : name;
      const part = r.language && (labelled || languages.length > 1) ? `${linked} (${r.language})` : linked;
      const more = ` +${later.length - shown} more`;
      if (length + lineLength + part.length + 4 + more.length > DISCORD_LIMITS.fieldValue) {
        lines.push(`${head}${[...parts, more.trim()].join(' · ')}`);
        return lines.join('\n');
      }
      parts.push(part);
      lineLength += part.length + 3;
      shown++;
    }
    lines.push(`${head}${parts.join(' · ')}`);
    length += lineLength + 1;
  }
  return lines.join('\n');
}

/** The root embed with its "Also reported by" field set (replaced, not appended, on each update). */
export function withReportedBy(embed: APIEmbed, reports: StoryReport[]): APIEmbed {
  const value = formatReportedBy(reports);
  const fields = (embed.fields ?? []).filter((f) => f.name !== ALSO_REPORTED_BY);
  if (value) fields.push({ name: ALSO_REPORTED_BY, value, inline: false });
  const { type: _type, ...rest } = embed;
  return fitEmbed({ ...rest, fields });
}

// Code spans (the neutral `code`) and bare http(s) URLs are kept whole; all else is escaped text.
const CODE_OR_URL = /(`[^`\n]*`)|(https?:\/\/[^\s<>()[\]*`|\\]+)/gu;

/**
 * The neutral command markup (*bold*, `code`, "• ") in Discord's dialect, within a message's
 * limit. Everything else is escaped as untrusted: a feed title in `latest` cannot forge a
 * masked link or show a mention. The neutral markup's `*` is ours (command-replies.ts swaps
 * any `*` in outside text for a look-alike), so it is the one character left unescaped.
 */
export function renderCommandReply(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CODE_OR_URL)) {
    out += renderReplyText(text.slice(last, m.index));
    // Inside a code span Discord renders no markdown or mentions; a URL in <…> links without an embed.
    out += m[1] !== undefined ? stripControls(m[1]) : `<${m[2]}>`;
    last = m.index + m[0].length;
  }
  out += renderReplyText(text.slice(last));
  return truncate(out, DISCORD_LIMITS.content);
}

const renderReplyText = (text: string): string =>
  safeText(text)
    .replace(/\\\*/gu, '*')
    .replace(/(^|[^*\\])\*([^*\n]+)\*(?!\*)/gu, '$1**$2**');

/** Characters Discord counts toward an embed's 6,000 (title, description, field names and values, footer, author). */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** The embed within Discord's total: the description gives way first, then the last fields. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  let fitted = embed;
  const excess = embedLength(fitted) - DISCORD_LIMITS.embedTotal;
  if (excess > 0 && fitted.description) {
    const keep = fitted.description.length - excess;
    const { description: _d, ...rest } = fitted;
    fitted = keep > 1 ? { ...rest, description: truncate(fitted.description, keep) } : rest;
  }
  while (embedLength(fitted) > DISCORD_LIMITS.embedTotal && (fitted.fields?.length ?? 0) > 0) {
    fitted = { ...fitted, fields: fitted.fields!.slice(0, -1) };
  }
  return fitted;
}
