/**
 * Story assignment: an article joins the most similar recent story when the similarity
 * reaches the threshold, else it starts a new one (and becomes the alert). Method and
 * how the thresholds were chosen: docs/decisions/story-clustering.md.
 */
import type { EntityKey, StoryFeatures } from './story-features.js';
import { addToStory, createStory, type StoryRecord } from './story-record.js';

export interface StoryScoring {
  /** Join a story at or above this similarity. */
  threshold: number;
  /** Weight of headline overlap with a member in the same language, added to entity similarity. */
  titleWeight: number;
  /** Share of similarity lost across a whole window of time outside the story's span (linear). */
  timeDecay: number;
  /**
   * Factor applied when the headline names a venue the story never mentioned, and vice versa.
   * 0: a meeting at another venue is another round, however many actors the two share.
   */
  venueConflict: number;
}

export const defaultStoryScoring: StoryScoring = { threshold: 0.25, titleWeight: 0.5, timeDecay: 0.5, venueConflict: 0 };

export const DEFAULT_STORY_WINDOW_MS = 48 * 3_600_000;
/** A story takes no report published more than this after its first (config `stories.lifetimeHours`). */
export const DEFAULT_STORY_LIFETIME_MS = 72 * 3_600_000;
/** A report more than this after a story's last one is a new round (config `stories.roundGapHours`). */
export const DEFAULT_ROUND_GAP_MS = 24 * 3_600_000;

export interface AssignOptions {
  /** How far (ms) before or after a story's time span an article may still join it. */
  windowMs: number;
  /** A story stops growing this long (ms) after its first report; default DEFAULT_STORY_LIFETIME_MS. */
  lifetimeMs?: number;
  /** A report this long (ms) after the story's last one opens a new story; default DEFAULT_ROUND_GAP_MS. */
  roundGapMs?: number;
  /** Stamped on createdAt/updatedAt; publication time when absent. */
  now?: number;
  scoring?: Partial<StoryScoring>;
}

export interface Assignment {
  storyId: string;
  isNew: boolean;
  /** The story with the article added (or the new story). */
  story: StoryRecord;
  /** Similarity to the chosen story (1 for a re-issue); for a new story, to the best candidate (0 if none). */
  similarity: number;
}

// Generic headlines ("Live updates", "EN DIRECT", "Главное к утру") say nothing about the event.
const MIN_TITLE_SHINGLES = 3;

export function assignStory(features: StoryFeatures, candidates: readonly StoryRecord[], opts: AssignOptions): Assignment {
  const scoring = { ...defaultStoryScoring, ...opts.scoring };
  const article = articleProfile(features);
  const round = { lifetimeMs: opts.lifetimeMs ?? DEFAULT_STORY_LIFETIME_MS, roundGapMs: opts.roundGapMs ?? DEFAULT_ROUND_GAP_MS };
  let best: { story: StoryRecord; similarity: number } | undefined;
  for (const story of candidates) {
    const profile = storyProfile(story);
    // A re-issue joins its story even when the publisher moved its date far.
    const reissue = isReissueIn(features, profile);
    if (!reissue && !(isWithinWindow(features.time, story, opts.windowMs) && isSameRound(features.time, story, sameVenue(features, profile) ? { ...round, roundGapMs: Infinity } : round))) continue;
    // A story that cannot reach the best so far is not compared headline by headline.
    const similarity = reissue ? 1 : scoreAgainst(features, article, story, profile, opts.windowMs, scoring, best?.similarity ?? 0);
    if (similarity === undefined) continue;
    // Ties go to the older story, so the order of candidates does not matter.
    if (!best || similarity > best.similarity || (similarity === best.similarity && isOlder(story, best.story))) {
      best = { story, similarity };
    }
  }
  if (best && best.similarity >= scoring.threshold) {
    const story = addToStory(best.story, features, opts.now);
    carryDerived(best.story, story, features);
    return { storyId: story.id, isNew: false, story, similarity: best.similarity };
  }
  const story = createStory(features, opts.now);
  return { storyId: story.id, isNew: true, story, similarity: best?.similarity ?? 0 };
}

export function isWithinWindow(time: number, story: StoryRecord, windowMs: number): boolean {
  return time >= story.features.firstTime - windowMs && time <= story.features.lastTime + windowMs;
}

/**
 * Every round its own alert: a report more than a day after the story's last one tells of a
 * new meeting (rounds follow each other every two or three days, while announcement,
 * meeting, outcome and reactions of one round come hours apart) unless it names the story's
 * venue (talks there can last days); and a story stops growing after its lifetime, so a long
 * negotiation never becomes one thread that hides its rounds.
 */
export function isSameRound(time: number, story: StoryRecord, opts: { lifetimeMs: number; roundGapMs: number }): boolean {
  return time <= story.features.firstTime + opts.lifetimeMs && time <= story.features.lastTime + opts.roundGapMs;
}

/**
 * Weighted Ochiai overlap of the article's entities with the story's centroid (venues and
 * negotiators weigh most), plus headline overlap with a member in the same language;
 * lowered with time outside the story's span and on a venue conflict. A re-issue of a
 * member's page (same outlet, same URL) scores 1.
 */
export function storySimilarity(
  f: StoryFeatures,
  story: StoryRecord,
  windowMs: number = DEFAULT_STORY_WINDOW_MS,
  scoring: StoryScoring = defaultStoryScoring,
): number {
  const profile = storyProfile(story);
  return isReissueIn(f, profile) ? 1 : scoreAgainst(f, articleProfile(f), story, profile, windowMs, scoring, 0)!;
}

/**
 * storySimilarity without the re-issue check, or undefined when it is certainly below
 * `mustReach`: the headline overlap, the costly part, is bounded by 1 first.
 */
function scoreAgainst(
  f: StoryFeatures,
  article: ArticleProfile,
  story: StoryRecord,
  profile: StoryProfile,
  windowMs: number,
  scoring: StoryScoring,
  mustReach: number,
): number | undefined {
  const entities = entityOverlap(article, profile);
  const p = story.features;
  const outside = Math.max(0, p.firstTime - f.time, f.time - p.lastTime);
  const decay = 1 - scoring.timeDecay * Math.min(1, outside / windowMs);
  const venueFactor = hasVenueConflict(f, profile) ? scoring.venueConflict : 1;
  // Every step is monotonic in the title overlap, in floating point too: the bound is exact.
  if (combine(entities, 1, decay, venueFactor, scoring) < mustReach) return undefined;
  return combine(entities, bestTitleOverlap(f, profile), decay, venueFactor, scoring);
}

function combine(entities: number, titleOverlap: number, decay: number, venueFactor: number, scoring: StoryScoring): number {
  let similarity = entities + scoring.titleWeight * titleOverlap;
  similarity *= decay;
  if (venueFactor !== 1) similarity *= venueFactor;
  return Math.min(1, similarity);
}

/** Same outlet, same page: a changed headline or date does not make a new story. */
export function isReissueOf(f: StoryFeatures, story: StoryRecord): boolean {
  return isReissueIn(f, storyProfile(story));
}

function isReissueIn(f: StoryFeatures, story: StoryProfile): boolean {
  return f.urlKey !== '' && story.urlKeys.has(f.urlKey) && story.sources.has(f.source);
}

/**
 * Σ min / √(Σ article · Σ centroid). Unlike Jaccard it does not punish a short report
 * for the many entities a big story has gathered, nor a live blog for naming many.
 */
function entityOverlap(article: ArticleProfile, story: StoryProfile): number {
  if (article.total === 0 || story.total === 0) return 0;
  let shared = 0;
  for (const [key, a] of article.entries) shared += Math.min(a, (story.sums.get(key) ?? 0) / story.count);
  return shared / Math.sqrt(article.total * story.total);
}

function bestTitleOverlap(f: StoryFeatures, story: StoryProfile): number {
  if (f.titleShingles.length < MIN_TITLE_SHINGLES) return 0;
  let best = 0;
  for (const shingles of story.titlesByLanguage.get(f.language)?.values() ?? []) {
    if (shingles.length >= MIN_TITLE_SHINGLES) best = Math.max(best, jaccard(f.titleShingles, shingles));
  }
  return best;
}

/**
 * The article's venue is the story's: its headline names one of the story's headline venues,
 * or, naming none, its lede does. Talks that go on there for days are one round.
 */
function sameVenue(f: StoryFeatures, story: StoryProfile): boolean {
  const places = f.headlinePlaces.length > 0 ? f.headlinePlaces : f.places;
  for (const venue of story.headlineVenues) if (places.includes(venue)) return true;
  return false;
}

/**
 * Witkoff in Miami is not Witkoff in Moscow: the headline names a venue the story never
 * mentioned, not even in a lede; naming the story's venue as well ("in Miami after the Moscow
 * talks") does not make it the same meeting. A party's capital may stand for its government
 * ("Moscow rejects the Berlin proposals"): it makes a conflict only when the headline names
 * nothing the story knows.
 */
function hasVenueConflict(f: StoryFeatures, story: StoryProfile): boolean {
  if (f.headlinePlaces.length === 0 || story.headlineVenues.length === 0) return false;
  const known = (place: string) => (story.sums.get(`place:${place}`) ?? 0) > 0;
  if (f.headlineVenues.some((venue) => !known(venue))) return true;
  return !f.headlinePlaces.some(known);
}

/** Jaccard of two sorted unique number arrays. */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

const isOlder = (a: StoryRecord, b: StoryRecord) =>
  a.features.firstTime < b.features.firstTime || (a.features.firstTime === b.features.firstTime && a.id < b.id);

/** What an article brings to every comparison, computed once. */
interface ArticleProfile {
  entries: Array<[EntityKey, number]>;
  total: number;
}

/** What a story brings to every comparison: its record in the shapes the comparisons need. */
interface StoryProfile {
  sums: Map<EntityKey, number>;
  count: number;
  /** Σ centroid weights. */
  total: number;
  headlineVenues: string[];
  /** Distinct headline shingles per language (wire copies repeat a headline word for word). */
  titlesByLanguage: Map<string | undefined, Map<string, number[]>>;
  /** Its pages and outlets, for re-issues: a big story has dozens of URLs, often sharing a long prefix. */
  urlKeys: Set<string>;
  sources: Set<string>;
}

// An article is compared with every candidate story, and a story with every article while
// it is recent: each side is summed up once per object (records and features are never
// changed; adding to a story makes a new record).
const articleProfiles = new WeakMap<StoryFeatures, ArticleProfile>();
const storyProfiles = new WeakMap<StoryRecord, StoryProfile>();

function articleProfile(f: StoryFeatures): ArticleProfile {
  let profile = articleProfiles.get(f);
  if (!profile) {
    const entries = [...f.entities];
    profile = { entries, total: entries.reduce((sum, [, w]) => sum + w, 0) };
    articleProfiles.set(f, profile);
  }
  return profile;
}

function storyProfile(story: StoryRecord): StoryProfile {
  let profile = storyProfiles.get(story);
  if (!profile) {
    const { entityWeights, articleCount: count, titles, headlinePlaces } = story.features;
    const sums = new Map(Object.entries(entityWeights) as Array<[EntityKey, number]>);
    let total = 0;
    for (const s of sums.values()) total += (s ?? 0) / count;
    const titlesByLanguage: StoryProfile['titlesByLanguage'] = new Map();
    for (const t of titles) addTitle(titlesByLanguage, t.language, t.shingles);
    profile = {
      sums,
      count,
      total,
      headlineVenues: Object.keys(headlinePlaces),
      titlesByLanguage,
      urlKeys: new Set(story.features.urlKeys),
      sources: new Set(story.members.map((m) => m.source)),
    };
    storyProfiles.set(story, profile);
  }
  return profile;
}

/**
 * A story that gains an article is compared with the next articles too: what was derived
 * from the old record moves to the new one, extended by what the article added, instead
 * of being rebuilt from every member (the old record is superseded).
 */
function carryDerived(before: StoryRecord, after: StoryRecord, f: StoryFeatures): void {
  const profile = storyProfiles.get(before);
  if (profile) {
    storyProfiles.delete(before);
    const { entityWeights, articleCount, titles, headlinePlaces } = after.features;
    for (const key of f.entities.keys()) profile.sums.set(key, entityWeights[key] ?? 0);
    profile.count = articleCount;
    profile.total = 0;
    for (const s of profile.sums.values()) profile.total += s / articleCount;
    for (const place of f.headlinePlaces) if (!(place in before.features.headlinePlaces) && place in headlinePlaces) profile.headlineVenues.push(place);
    if (titles.length > before.features.titles.length) {
      const added = titles[titles.length - 1]!;
      addTitle(profile.titlesByLanguage, added.language, added.shingles);
    }
    const { urlKeys } = after.features;
    if (urlKeys.length > before.features.urlKeys.length) profile.urlKeys.add(urlKeys[urlKeys.length - 1]!);
    if (after.members.length > before.members.length) profile.sources.add(after.members[after.members.length - 1]!.source);
    storyProfiles.set(after, profile);
  }
}

function addTitle(titles: StoryProfile['titlesByLanguage'], language: string | undefined, shingles: number[]): void {
  let distinct = titles.get(language);
  if (!distinct) titles.set(language, (distinct = new Map()));
  const key = shingles.join(',');
  if (!distinct.has(key)) distinct.set(key, shingles);
}
