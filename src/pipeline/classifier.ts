import type { PeacewatchConfig } from '../config/config-types.js';
import type { Article } from '../domain/article.js';
import type { EventKind, Urgency } from '../domain/event-kind.js';
import { canonicalizeUrl, hostnameOfCanonical } from '../ingest/canonical-url.js';
import { htmlToText } from '../ingest/html-text.js';
import { createTopicMatcher } from '../relevance/topic-matcher.js';
import { createMemoryStoryStore } from '../store/story-store.js';
import { assessArticle, type AssessDeps } from './assess-article.js';
import { createStoryPlacer, type StoryPlacer } from './place-in-story.js';

/** One line of `classify` input: what a feed item says, nothing more. */
export interface ClassifyInput {
  id: string;
  title?: string | null;
  summary?: string | null;
  url?: string | null;
  published?: string | null;
  /** Optional declared language, used as a prior like a feed's. */
  language?: string | null;
}

/** One line of `classify` output — the measurement interface: keep it stable. */
export interface ClassifyVerdict {
  id: string;
  relevant: boolean;
  score: number;
  language: string | null;
  topics: string[];
  actors: string[];
  places: string[];
  story: string | null;
  gist: string;
  summary: string;
  /** The kind of event and its urgency, with the evidence (null when not relevant). */
  kind: EventKind | null;
  urgency: Urgency | null;
  reason: string;
}

export interface Classifier {
  classify(input: ClassifyInput, now: number): Promise<ClassifyVerdict>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * The live pipeline's relevance path — assessment, then story clustering — on an
 * in-memory store, one article at a time in the order given.
 */
export async function createClassifier(
  config: PeacewatchConfig,
  opts: { keywords?: readonly string[] } = {},
): Promise<Classifier> {
  const assess: AssessDeps = {
    matcher: createTopicMatcher(config.topics, { keywords: opts.keywords }),
    topics: config.topics,
    summaryMaxChars: config.summary.maxChars,
    describeEverything: true,
  };
  const stories: StoryPlacer = createStoryPlacer({
    stories: createMemoryStoryStore(config.dedup.ttlDays * DAY_MS),
    topics: config.topics,
    lifetimeMs: config.stories.lifetimeHours * 3_600_000,
    roundGapMs: config.stories.roundGapHours * 3_600_000,
  });
  return {
    async classify(input, now) {
      const article = toArticle(input, now);
      const assessment = assessArticle(article, assess);
      const story = assessment.relevant ? (await stories.place(article, assessment, now)).storyId : null;
      return {
        id: input.id,
        relevant: assessment.relevant,
        score: assessment.score,
        language: assessment.language ?? null,
        topics: assessment.topics,
        actors: assessment.actors,
        places: assessment.places,
        story,
        gist: assessment.gist,
        summary: assessment.summary,
        kind: assessment.event?.kind ?? null,
        urgency: assessment.event?.urgency ?? null,
        reason: assessment.event?.reason ?? '',
      };
    },
    close: async () => undefined,
  };
}

function toArticle(input: ClassifyInput, now: number): Article {
  const url = input.url ? canonicalizeUrl(input.url) : '';
  const published = input.published ? Date.parse(input.published) : Number.NaN;
  return {
    id: input.id,
    feedId: 'classify',
    url,
    title: htmlToText(input.title ?? ''),
    summary: htmlToText(input.summary ?? ''),
    publishedAt: new Date(Number.isNaN(published) ? now : published).toISOString(),
    publishedAtIsFirstSeen: Number.isNaN(published),
    source: sourceOf(url),
    ...(input.language ? { language: input.language.toLowerCase().slice(0, 2) } : {}),
  };
}

function sourceOf(canonicalUrl: string): string {
  return hostnameOfCanonical(canonicalUrl).replace(/^www\./u, '') || 'unknown';
}
