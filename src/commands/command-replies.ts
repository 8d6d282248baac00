/**
 * Reply texts in the neutral markup of command-types.ts (*bold*, `code`, "• " bullets).
 * Text that comes from users or articles goes through `code()` or `plain()` so it cannot
 * open or close that markup; platform escaping (Slack `<`, Discord mentions) is the adapter's.
 */
import type { Alert } from '../domain/alert.js';
import type { Subscription } from '../domain/channel.js';
import { formatInterval, type FeedConfig, type FeedState } from '../domain/feed.js';
import type { Topic } from '../domain/topic.js';
import { describeLatency, formatLatency, type LatencyReport } from '../domain/latency.js';
import { truncate } from '../text/truncate.js';
import { isLinkableUrl } from '../text/url-checks.js';

export const COMMAND = '/peacewatch';

/** A literal inside a code span: a backtick inside is swapped for a look-alike so the span holds. */
export const code = (s: string): string => `\`${s.replace(/`/gu, 'ˋ')}\``;

/** Running text from outside: the markup characters become look-alikes, length is capped. */
export const plain = (s: string, max = 200): string => truncate(s.replace(/\*/gu, '∗').replace(/`/gu, 'ˋ'), max);


export const showTarget = (s: Pick<Subscription, 'target'>): string =>
  s.target.kind === 'topic' ? `topic ${code(s.target.topicId)}` : `keyword ${code(s.target.phrase)}`;

export function helpText(): string {
  return [
    `*peacewatch* posts news about the Russia–Ukraine peace talks. Commands:`,
    `• \`${COMMAND} subscribe <topic | "keyword"> [min=0.6]\`: follow a topic pack or a keyword in quotes`,
    `• \`${COMMAND} unsubscribe <topic | "keyword">\`: stop following it`,
    `• \`${COMMAND} list\`: what this channel follows`,
    `• \`${COMMAND} topics\`: the topic packs you can follow`,
    `• \`${COMMAND} latest [n]\`: the last n alerts here (1–20)`,
    `• \`${COMMAND} status\`: feed health, alert latency, and whether this channel is paused`,
    `• \`${COMMAND} pause\` / \`${COMMAND} resume\`: stop and restart alerts here`,
    `Subscribe, unsubscribe, pause and resume are for people who may manage the channel.`,
  ].join('\n');
}

export function listText(subs: Subscription[], limit: number): string {
  if (subs.length === 0) return `This channel follows nothing yet. Try \`${COMMAND} topics\`, then \`${COMMAND} subscribe <topic>\`.`;
  const lines = subs.map((s) => {
    const min = s.minScore === undefined ? '' : ` · min ${s.minScore}`;
    const paused = s.paused ? ` · *paused*${s.pausedReason ? ` (${plain(s.pausedReason, 120)})` : ''}` : '';
    return `• ${showTarget(s)}${min}${paused}`;
  });
  const anyPaused = subs.some((s) => s.paused) ? `\nResume with \`${COMMAND} resume\`.` : '';
  return `*This channel follows* (${subs.length} of ${limit}):\n${lines.join('\n')}${anyPaused}`;
}

export function topicsText(topics: Topic[]): string {
  if (topics.length === 0) return 'No topic packs are loaded. You can still follow a keyword in quotes.';
  const lines = topics.map((t) => {
    const line = t.description.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
    return `• ${code(t.id)} *${plain(t.name, 80)}*${line ? `: ${plain(line, 160)}` : ''}`;
  });
  return `*Topic packs*:\n${lines.join('\n')}\nFollow one with \`${COMMAND} subscribe <id>\`.`;
}

export function latestText(alerts: Alert[]): string {
  if (alerts.length === 0) return 'No alerts have been posted in this channel yet.';
  const lines = alerts.map((a) => {
    // A URL too long or odd to link is left out: a cut one would be a broken or different link.
    const url = isLinkableUrl(a.article.url) ? `\n   ${a.article.url}` : '';
    return `• *${plain(a.article.title, 150)}* · ${plain(a.article.source, 60)}${url}`;
  });
  return `*Latest ${alerts.length === 1 ? 'alert' : `${alerts.length} alerts`}*:\n${lines.join('\n')}`;
}

const MAX_FAILING_SHOWN = 5;
const MAX_INTERVALS_SHOWN = 5;

/** One line: the feeds polled most often, each with its interval and why (adaptive polling's reason). */
function pollingLine(feeds: FeedConfig[], states: Map<string, FeedState>): string | undefined {
  const polled = feeds
    .map((feed) => ({ feed, state: states.get(feed.id) }))
    .filter((x): x is { feed: FeedConfig; state: FeedState & { pollIntervalMs: number } } => x.state?.pollIntervalMs !== undefined)
    .sort((a, b) => a.state.pollIntervalMs - b.state.pollIntervalMs);
  if (polled.length === 0) return undefined;
  const shown = polled
    .slice(0, MAX_INTERVALS_SHOWN)
    .map(({ feed, state }) => `${plain(feed.name, 40)} every ${formatInterval(state.pollIntervalMs)} (${plain(state.pollReason ?? '', 80)})`);
  const more = polled.length > shown.length ? [`…and ${polled.length - shown.length} more`] : [];
  return `*Polling*: ${[...shown, ...more].join(' · ')}`;
}

export interface StatusFacts {
  feeds: FeedConfig[];
  states: Map<string, FeedState>;
  lastCycleAt: number | undefined;
  channelSubs: Subscription[];
  /** Publication-to-post latency over the last day. */
  latency: LatencyReport;
  now: number;
}

const MAX_LATENCY_FEEDS_SHOWN = 3;

/** Overall median and p95, then the slowest feeds (by p95), each with its own. */
export function latencyLine(report: LatencyReport, feedName: (id: string) => string): string {
  if (report.overall === undefined) return '*Latency* (publication → post, last 24 h): no alerts posted';
  const slowest = report.perFeed
    .slice(0, MAX_LATENCY_FEEDS_SHOWN)
    .map((f) => `${plain(feedName(f.feedId), 40)} ${formatLatency(f.medianMs)}/${formatLatency(f.p95Ms)}`);
  const perFeed = report.perFeed.length > 1 ? ` · slowest feeds (median/p95): ${slowest.join(', ')}` : '';
  return `*Latency* (publication → post, last 24 h): ${describeLatency(report.overall)}${perFeed}`;
}

export function statusText({ feeds, states, lastCycleAt, channelSubs, latency, now }: StatusFacts): string {
  const count = { ok: 0, failing: 0, new: 0 };
  const failing: string[] = [];
  for (const feed of feeds) {
    const state = states.get(feed.id);
    const health = state?.health ?? 'new';
    count[health]++;
    if (health === 'failing' && failing.length < MAX_FAILING_SHOWN) {
      const kind = state?.lastError?.kind ?? 'error';
      const since = state?.lastSuccessAt === undefined ? 'never fetched' : `last ok ${formatAgo(state.lastSuccessAt, now)}`;
      failing.push(`• ${plain(feed.name, 60)}: ${kind} (${state?.consecutiveFailures ?? 0} failures, ${since})`);
    }
  }
  const more = count.failing > failing.length ? [`• …and ${count.failing - failing.length} more`] : [];
  const cycle = lastCycleAt === undefined ? 'none yet' : `${formatUtc(lastCycleAt)} (${formatAgo(lastCycleAt, now)})`;
  const polling = pollingLine(feeds, states);
  return [
    `*Feeds*: ${count.ok} ok · ${count.failing} failing · ${count.new} new (of ${feeds.length})`,
    ...failing,
    ...more,
    ...(polling === undefined ? [] : [polling]),
    `*Last successful cycle*: ${cycle}`,
    latencyLine(latency, (id) => feeds.find((f) => f.id === id)?.name ?? id),
    `*This channel*: ${channelState(channelSubs)}`,
  ].join('\n');
}

function channelState(subs: Subscription[]): string {
  if (subs.length === 0) return 'no subscriptions';
  const paused = subs.filter((s) => s.paused);
  const n = `${subs.length} subscription${subs.length === 1 ? '' : 's'}`;
  if (paused.length === 0) return `${n}, active`;
  const reasons = [...new Set(paused.map((s) => s.pausedReason).filter((r): r is string => Boolean(r)))];
  const why = reasons.length > 0 ? ` (${plain(reasons.join('; '), 160)})` : '';
  return paused.length === subs.length ? `${n}, *paused*${why}` : `${n}, ${paused.length} *paused*${why}`;
}

export const formatUtc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function formatAgo(ms: number, now: number): string {
  const min = Math.round((now - ms) / 60_000);
  if (min < 1) return 'just now';
  if (min < 120) return `${min} min ago`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}
