import { setImmediate } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Article } from '../domain/article.js';
import type { Alert } from '../domain/alert.js';
import type { ChannelRef, Subscription } from '../domain/channel.js';
import type { FeedWrites, Stores } from '../store/stores.js';
import type { StoryRecord } from '../stories/story-record.js';
import { assessArticle, type AssessDeps } from './assess-article.js';
import { buildAlert } from './build-alert.js';
import { deliveriesFor } from './channel-view.js';
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
  stores: Pick<Stores, 'seen'>;
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

/** What processing a feed's articles wrote: committed by the caller in one transaction, with the feed's state. */
export type ArticleWrites = Pick<FeedWrites, 'seen' | 'stories' | 'alerts'>;

/**
 * Seen-check, match, place, alert — computed for the whole feed, then handed back as one set
 * of writes: one seen query per feed, and the caller commits stories, outbox entries and seen
 * marks together, so a crash or a failed write repeats the feed's work but never loses an alert
 * (the outbox refuses duplicates).
 */
export async function processArticles(
  articles: Article[],
  ctx: ProcessContext,
): Promise<{ counts: ArticleCounts; writes: ArticleWrites }> {
  const counts = emptyCounts();
  const stories = new Map<string, StoryRecord>();
  const writes = { seen: [] as Article[], alerts: [] as Array<{ alert: Alert; channels: ChannelRef[] }> };
  const oldestFirst = [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  counts.articles = oldestFirst.length;
  const unclaimed = oldestFirst.filter((article) => !isClaimed(article, ctx.claimed));
  for (const article of await ctx.stores.seen.filterUnseen(unclaimed)) {
    // One feed's articles never hold the event loop for long: slash commands have 3 s to be answered.
    await setImmediate();
    counts.fresh++;
    writes.seen.push(article);
    if (ctx.firstFetchCutoff !== undefined && Date.parse(article.publishedAt) < ctx.firstFetchCutoff) {
      counts.skippedOld++;
      continue;
    }
    const assessment = assessArticle(article, ctx.assess);
    if (assessment.relevant || assessment.match.keywords.length > 0) {
      counts.matched++;
      const placement = await ctx.stories.place(article, assessment, ctx.now, (story) => stories.set(story.id, story));
      const alert = buildAlert(article, assessment, placement, ctx.now);
      // Each channel gets its own copy: only the evidence of its own subscriptions (a keyword is private).
      const deliveries = deliveriesFor(alert, assessment.match.topics, ctx.subscriptions);
      writes.alerts.push(...deliveries);
      if (deliveries.length > 0) counts.alerted++;
      ctx.log.debug({ article: article.id, topics: alert.topics, copies: deliveries.length }, 'pipeline: matched');
    }
  }
  return { counts, writes: { ...writes, stories: [...stories.values()] } };
}

function isClaimed(article: Article, claimed: Set<string>): boolean {
  const keys = article.url ? [`id:${article.id}`, `url:${article.url}`] : [`id:${article.id}`];
  if (keys.some((k) => claimed.has(k))) return true;
  for (const k of keys) claimed.add(k);
  return false;
}

export function addCounts(into: ArticleCounts, more: ArticleCounts): void {
  for (const k of Object.keys(more) as Array<keyof ArticleCounts>) into[k] += more[k];
}
