/**
 * A story: every report of one event, across outlets and languages. Holds what the
 * next article is compared with (entity profile, venues, member headlines, URLs,
 * time span) and who reported it, both capped so a long-running story stays small.
 */
import type { EntityKey, StoryFeatures } from './story-features.js';
import { hashString } from './hash.js';

export interface StoryMember {
  articleId: string;
  source: string;
  url: string;
  language?: string;
  /** ISO 8601. */
  publishedAt: string;
}

export interface StoryProfile {
  /** Articles assigned so far (members and titles are capped, this is not). */
  articleCount: number;
  /** Sum over articles of each entity's weight: divided by articleCount, the story's centroid. */
  entityWeights: Partial<Record<EntityKey, number>>;
  /** Headline shingles of the first members, per language. */
  titles: Array<{ language?: string; shingles: number[] }>;
  /** How many articles named each place in their headline: the story's venue(s). */
  headlinePlaces: Record<string, number>;
  /** URL keys of members, so a re-issued article (same page, new headline or date) rejoins its story. */
  urlKeys: string[];
  /** Publication time span of the members, epoch ms. */
  firstTime: number;
  lastTime: number;
}

export interface StoryRecord {
  /** "s-" + hash of the first article id: the same first article always gives the same id. */
  id: string;
  /** Epoch ms: when the story was created / last given an article (publication time unless `now` is passed). */
  createdAt: number;
  updatedAt: number;
  firstArticleId: string;
  /** The first article's headline. */
  title: string;
  language?: string;
  features: StoryProfile;
  /** Reports, first first, capped at MAX_MEMBERS. */
  members: StoryMember[];
}

export const MAX_MEMBERS = 50;
const MAX_TITLES = 30;

export const storyIdFor = (firstArticleId: string): string => `s-${hashString(firstArticleId).toString(36)}`;

export function createStory(f: StoryFeatures, now = f.time): StoryRecord {
  return {
    id: storyIdFor(f.articleId),
    createdAt: now,
    updatedAt: now,
    firstArticleId: f.articleId,
    title: f.title,
    ...(f.language ? { language: f.language } : {}),
    features: {
      articleCount: 1,
      entityWeights: Object.fromEntries(f.entities),
      titles: f.titleShingles.length > 0 ? [titleOf(f)] : [],
      headlinePlaces: Object.fromEntries(f.headlinePlaces.map((p) => [p, 1])),
      urlKeys: f.urlKey ? [f.urlKey] : [],
      firstTime: f.time,
      lastTime: f.time,
    },
    members: [memberOf(f)],
  };
}

/** A new record with the article added; the input is not changed. */
export function addToStory(story: StoryRecord, f: StoryFeatures, now = f.time): StoryRecord {
  const p = story.features;
  const entityWeights = { ...p.entityWeights };
  for (const [key, w] of f.entities) {
    entityWeights[key] = (entityWeights[key] ?? 0) + w;
  }
  const headlinePlaces = { ...p.headlinePlaces };
  for (const place of f.headlinePlaces) headlinePlaces[place] = (headlinePlaces[place] ?? 0) + 1;
  // A full list takes no more keys, so it is not searched.
  const addsUrlKey = f.urlKey !== '' && p.urlKeys.length < MAX_MEMBERS && !p.urlKeys.includes(f.urlKey);
  return {
    ...story,
    updatedAt: Math.max(story.updatedAt, now),
    features: {
      articleCount: p.articleCount + 1,
      entityWeights,
      titles: f.titleShingles.length > 0 && p.titles.length < MAX_TITLES ? [...p.titles, titleOf(f)] : p.titles,
      headlinePlaces,
      urlKeys: addsUrlKey ? [...p.urlKeys, f.urlKey] : p.urlKeys,
      firstTime: Math.min(p.firstTime, f.time),
      lastTime: Math.max(p.lastTime, f.time),
    },
    members:
      story.members.length < MAX_MEMBERS && !story.members.some((m) => m.articleId === f.articleId)
        ? [...story.members, memberOf(f)]
        : story.members,
  };
}

const titleOf = (f: StoryFeatures) => (f.language ? { language: f.language, shingles: f.titleShingles } : { shingles: f.titleShingles });

const memberOf = (f: StoryFeatures): StoryMember => ({
  articleId: f.articleId,
  source: f.source,
  url: f.url,
  ...(f.language ? { language: f.language } : {}),
  publishedAt: new Date(f.time).toISOString(),
});
