import type { Article } from '../domain/article.js';
import type { FeedConfig } from '../domain/feed.js';
import type { SourceType } from '../domain/source-label.js';
import type { Topic } from '../domain/topic.js';
import { assignStory, DEFAULT_STORY_WINDOW_MS } from '../stories/assign-story.js';
import { entityWeightsFromTopics, storyFeatures, type EntityWeights } from '../stories/story-features.js';
import type { StoryStore } from '../store/story-store.js';
import type { StoryRecord } from '../stories/story-record.js';
import type { Assessment } from './assess-article.js';
import type { StoryPlacement } from './build-alert.js';

export interface StoryPlacer {
  /**
   * Assigns the article to a recent story (or a new one) and saves it, or hands it to
   * `save` when the caller writes it with the rest of a feed's work in one transaction.
   */
  place(article: Article, assessment: Assessment, now: number, save?: (story: StoryRecord) => void): Promise<StoryPlacement>;
}

/**
 * The pipeline's use of stories/: features from the evidence, candidates from the store,
 * one assignment, saved. Writes are serialized so two feeds in one cycle cannot both
 * start the same story.
 */
export function createStoryPlacer(deps: {
  stories: StoryStore;
  topics: readonly Topic[];
  windowMs?: number;
  /** Round rules (config `stories.lifetimeHours`, `stories.roundGapHours`); defaults in stories/assign-story.ts. */
  lifetimeMs?: number;
  roundGapMs?: number;
  /** Source type by source name (see sourceTypesByName): each report of a story is listed with it. */
  sourceTypes?: ReadonlyMap<string, SourceType>;
}): StoryPlacer {
  const weights: EntityWeights = entityWeightsFromTopics(deps.topics);
  const windowMs = deps.windowMs ?? DEFAULT_STORY_WINDOW_MS;
  let tail: Promise<unknown> = Promise.resolve();
  // This process is the only writer of stories, so recent ones are kept in memory after the
  // first read (write-through): no store round trip and no re-parsing per article.
  let cache: Map<string, StoryRecord> | undefined;
  const loadCache = async (time: number): Promise<Map<string, StoryRecord>> =>
    new Map((await deps.stories.recent(time, windowMs)).map((s) => [s.id, s]));
  // Synchronous once loaded: one await less per article.
  const candidatesAround = (cache: Map<string, StoryRecord>, time: number): StoryRecord[] => {
    const out: StoryRecord[] = [];
    for (const [id, story] of cache) {
      if (story.features.lastTime < time - 2 * windowMs && story.updatedAt < time - 2 * windowMs) cache.delete(id);
      else out.push(story);
    }
    return out;
  };

  const placeNow = async (
    article: Article,
    assessment: Assessment,
    now: number,
    save?: (story: StoryRecord) => void,
  ): Promise<StoryPlacement> => {
    const { id, title, summary, publishedAt, source, url } = article;
    const language = assessment.language ?? article.language;
    const features = storyFeatures({ id, title, summary, publishedAt, source, url, language }, assessment.evidence, weights);
    cache ??= await loadCache(features.time);
    const candidates = candidatesAround(cache, features.time);
    const { story, isNew } = assignStory(features, candidates, { windowMs, now, lifetimeMs: deps.lifetimeMs, roundGapMs: deps.roundGapMs });
    if (save) save(story);
    else await deps.stories.save(story);
    cache.set(story.id, story);
    return {
      storyId: story.id,
      isNew,
      rootArticleId: story.firstArticleId,
      // Built when an alert reads it: classify places every relevant article and never does.
      get reportedBy() {
        return story.members.map((m) => {
          const sourceType = deps.sourceTypes?.get(m.source);
          return { articleId: m.articleId, source: m.source, url: m.url, language: m.language, ...(sourceType ? { sourceType } : {}) };
        });
      },
    };
  };

  return {
    place(article, assessment, now, save) {
      const run = tail.then(() => placeNow(article, assessment, now, save));
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

/**
 * A story remembers its reports by source name (what the alert shows), so the type is looked up
 * by name: a report of a feed removed since, or renamed, is listed unlabelled rather than wrongly.
 */
export const sourceTypesByName = (feeds: readonly FeedConfig[]): ReadonlyMap<string, SourceType> =>
  new Map(feeds.flatMap((f) => (f.label ? [[f.name, f.label.type] as const] : [])));
