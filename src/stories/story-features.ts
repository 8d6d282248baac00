/**
 * What story clustering knows about one article: the entities the matcher found
 * (language-independent ids, so a Russian and a French report compare directly), the
 * headline as a set of hashed word shingles (for same-language comparison), the time and
 * the outlet. Pure: no clock, no I/O.
 */
import type { MatchedTerm } from '../domain/match.js';
import type { Topic } from '../domain/topic.js';
import { foldText, tokenize } from '../relevance/normalize-text.js';
import { hashString } from './hash.js';

export type EntityGroup = 'actor' | 'place' | 'subject';

/** `"actor:witkoff"`, `"place:miami"`, `"subject:ceasefire"`. */
export type EntityKey = `${EntityGroup}:${string}`;

/** How much sharing an entity says about two reports being one event; see entityWeightsFromTopics. */
export type EntityWeights = (group: EntityGroup, id: string) => number;

export interface StoryArticle {
  id: string;
  title: string;
  summary: string;
  language?: string;
  /** ISO 8601. */
  publishedAt: string;
  source: string;
  url: string;
}

export interface StoryFeatures {
  articleId: string;
  source: string;
  url: string;
  /** Host + path (+ query) of the URL, '' when it names no article page: a re-issue keeps it. */
  urlKey: string;
  language?: string;
  /** Epoch ms of publication. */
  time: number;
  actors: string[];
  places: string[];
  /** Places named in the headline: where the event happened, more often than not. */
  headlinePlaces: string[];
  /** Of those, the venues: not the capitals that stand for a party's government ("Moscow rejects…"). */
  headlineVenues: string[];
  subjects: string[];
  /**
   * Weight of each entity for this article: its informativeness (role, group) times
   * where it was found (headline counts more than the lede).
   */
  entities: ReadonlyMap<EntityKey, number>;
  /** Hashed stemmed headline words (≥ 3 letters, no numbers), sorted, unique. */
  titleShingles: number[];
  /** The headline, for display. */
  title: string;
}

/** Where an entity was found: the headline says what the article is about, the lede adds context. */
const FIELD_FACTOR = { title: 1, summary: 0.7, body: 0.4 } as const;

/** Defaults when no topic is given: a venue is most specific, a subject least. */
/** A venue's weight; a party's capital weighs less (see entityWeightsFromTopics). */
const VENUE_WEIGHT = 3;

export const defaultEntityWeights: EntityWeights = (group) => (group === 'place' ? VENUE_WEIGHT : group === 'actor' ? 2 : 1);

/**
 * Weights from the topic packs: negotiators and envoys (Witkoff, Dmitriev, Umerov) and
 * venues tie reports to one meeting; leaders (Trump, Putin, Zelensky) appear in nearly
 * every story, so sharing them says little; subjects (ceasefire, peace plan) even less.
 * A place that is also a context term of its pack (Moscow, Kyiv) stands for a party's
 * government ("Moscow rejects…") as often as for a venue, so it counts half.
 */
export function entityWeightsFromTopics(topics: readonly Topic[]): EntityWeights {
  const actorRole = new Map<string, string>();
  const partyPlaces = new Set<string>();
  for (const t of topics) {
    for (const a of t.actors) actorRole.set(a.id, a.role);
    const context = new Set(Object.values(t.context).flat().map(foldTerm));
    for (const p of t.places) if (p.aliases.some((alias) => context.has(foldTerm(alias)))) partyPlaces.add(p.id);
  }
  return (group, id) => {
    if (group === 'place') return partyPlaces.has(id) ? VENUE_WEIGHT / 2 : VENUE_WEIGHT;
    if (group === 'subject') return 1;
    const role = actorRole.get(id);
    return role === 'negotiator' || role === 'envoy' ? 3 : role === 'official' ? 2 : 1;
  };
}

const foldTerm = (term: string) => foldText(term.trim());

const GROUPS: ReadonlySet<string> = new Set<EntityGroup>(['actor', 'place', 'subject']);
// Cheap stemming: a prefix is enough to make "переговоры"/"переговорах" or "negotiations"/"negotiating" one shingle.
const STEM_LENGTH = 6;
const MIN_WORD_LENGTH = 3;

export function storyFeatures(
  article: StoryArticle,
  evidence: readonly MatchedTerm[],
  weights: EntityWeights = defaultEntityWeights,
): StoryFeatures {
  const entities = new Map<EntityKey, number>();
  const ids: Record<EntityGroup, Set<string>> = { actor: new Set(), place: new Set(), subject: new Set() };
  const headlinePlaces = new Set<string>();
  const headlineVenues = new Set<string>();
  for (const term of evidence) {
    if (!GROUPS.has(term.group) || !term.entityId) continue;
    const group = term.group as EntityGroup;
    const key = entityKey(group, term.entityId);
    const w = weights(group, term.entityId) * FIELD_FACTOR[term.field];
    ids[group].add(term.entityId);
    if (group === 'place' && term.field === 'title') {
      headlinePlaces.add(term.entityId);
      if (weights(group, term.entityId) >= VENUE_WEIGHT) headlineVenues.add(term.entityId);
    }
    if ((entities.get(key) ?? 0) < w) entities.set(key, w);
  }
  const time = Date.parse(article.publishedAt);
  const features: StoryFeatures = {
    articleId: article.id,
    source: article.source,
    url: article.url,
    urlKey: urlKey(article.url),
    time: Number.isFinite(time) ? time : 0,
    actors: [...ids.actor].sort(),
    places: [...ids.place].sort(),
    headlinePlaces: [...headlinePlaces].sort(),
    headlineVenues: [...headlineVenues].sort(),
    subjects: [...ids.subject].sort(),
    entities,
    titleShingles: titleShingles(article.title),
    title: article.title,
  };
  if (article.language) features.language = article.language;
  return features;
}

// Entity ids come from the topic packs, a few hundred: each key is built once.
const entityKeys: Record<EntityGroup, Map<string, EntityKey>> = { actor: new Map(), place: new Map(), subject: new Map() };

function entityKey(group: EntityGroup, id: string): EntityKey {
  const keys = entityKeys[group];
  let key = keys.get(id);
  if (key === undefined) {
    key = `${group}:${id}`;
    if (keys.size < 10_000) keys.set(id, key);
  }
  return key;
}

export function titleShingles(title: string): number[] {
  const hashes: number[] = [];
  for (const { value } of tokenize(title)) {
    if (value.length < MIN_WORD_LENGTH || isAllDigits(value)) continue;
    hashes.push(hashString(value, STEM_LENGTH));
  }
  // Sorted and unique.
  hashes.sort((a, b) => a - b);
  let kept = 0;
  for (const h of hashes) if (kept === 0 || hashes[kept - 1] !== h) hashes[kept++] = h;
  hashes.length = kept;
  return hashes;
}

function isAllDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function urlKey(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/u, '');
    if (path === '') return '';
    return `${u.host.replace(/^www\./u, '')}${path}${u.search}`;
  } catch {
    return '';
  }
}
