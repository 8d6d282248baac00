import type { Logger } from 'pino';
import type { Article } from '../domain/article.js';
import type { Alert } from '../domain/alert.js';
import { targetKey, type ChannelRef, type Subscription } from '../domain/channel.js';
import type { Stores } from '../store/stores.js';
import { assessArticle, type AssessDeps } from './assess-article.js';
import { buildAlert } from './build-alert.js';
import type { StoryPlacer } from './place-in-story.js';

export interface ArticleCounts {
  articles: number;
  /** Not seen before. */
  fresh: number;
  /** Fresh but older than the first-fetch window of a new feed: recorded, not alerted. */
  skippedOld: number;
  matched: number;
  /** Alerts that went to at least one channel's outbox. */
  alerted: number;
}

export const emptyCounts = (): ArticleCounts => ({ articles: 0, fresh: 0, skippedOld: 0, matched: 0, alerted: 0 });

export interface ProcessContext {
  stores: Pick<Stores, 'seen' | 'outbox'>;
  assess: AssessDeps;
  stories: StoryPlacer;
  subscriptions: Subscription[];
  now: number;
  /** Set on a feed's first successful fetch: older articles are only recorded. */
  firstFetchCutoff?: number;
  /** Ids and URLs taken by another feed in this cycle (the same story syndicated twice). */
  claimed: Set<string>;
  log: Logger;
}

/**
 * Seen-check, match, alert, record — in that order, so a crash between steps can
 * repeat work but never lose an alert (the outbox refuses duplicates).
 */
export async function processArticles(articles: Article[], ctx: ProcessContext): Promise<ArticleCounts> {
  const counts = emptyCounts();
  const oldestFirst = [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  for (const article of oldestFirst) {
    counts.articles++;
    if (isClaimed(article, ctx.claimed) || (await ctx.stores.seen.hasSeen(article))) continue;
    counts.fresh++;
    if (ctx.firstFetchCutoff !== undefined && Date.parse(article.publishedAt) < ctx.firstFetchCutoff) {
      counts.skippedOld++;
      await ctx.stores.seen.markSeen(article, ctx.now);
      continue;
    }
    const assessment = assessArticle(article, ctx.assess);
    if (assessment.relevant || assessment.match.keywords.length > 0) {
      counts.matched++;
      const placement = await ctx.stories.place(article, assessment, ctx.now);
      const alert = buildAlert(article, assessment, placement, ctx.now);
      const channels = channelsFor(alert, ctx.subscriptions);
      if (channels.length > 0) {
        await ctx.stores.outbox.enqueue(alert, channels, ctx.now);
        counts.alerted++;
      }
      ctx.log.debug({ article: article.id, topics: alert.topics, channels: channels.length }, 'pipeline: matched');
    }
    await ctx.stores.seen.markSeen(article, ctx.now);
  }
  return counts;
}

function isClaimed(article: Article, claimed: Set<string>): boolean {
  const keys = article.url ? [`id:${article.id}`, `url:${article.url}`] : [`id:${article.id}`];
  if (keys.some((k) => claimed.has(k))) return true;
  for (const k of keys) claimed.add(k);
  return false;
}

/** Channels whose (unpaused) subscriptions this alert satisfies, each once. */
export function channelsFor(alert: Pick<Alert, 'topics' | 'keywords' | 'score'>, subscriptions: Subscription[]): ChannelRef[] {
  const seen = new Set<string>();
  const out: ChannelRef[] = [];
  const keywords = new Set(alert.keywords.map((k) => targetKey({ kind: 'keyword', phrase: k })));
  for (const sub of subscriptions) {
    const wanted =
      sub.target.kind === 'topic' ? alert.topics.includes(sub.target.topicId) : keywords.has(targetKey(sub.target));
    if (sub.paused || !wanted || alert.score < (sub.minScore ?? 0)) continue;
    const key = `${sub.channel.platform}:${sub.channel.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(sub.channel);
  }
  return out;
}

export function addCounts(into: ArticleCounts, more: ArticleCounts): void {
  for (const k of Object.keys(more) as Array<keyof ArticleCounts>) into[k] += more[k];
}
