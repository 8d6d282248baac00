import type { MatchField, MatchedTerm } from '../domain/match.js';
import type { ActorSide, Topic, TopicActor } from '../domain/topic.js';

/**
 * One English line built from the matched facts — who, where, about what — so a reader
 * who does not read the article's language knows what it is about:
 * `US–Russia talks · Miami · Witkoff, Kushner, Dmitriev · ceasefire, security guarantees`.
 */

const SIDE_ORDER: readonly ActorSide[] = ['us', 'russia', 'ukraine', 'europe', 'mediator'];
const SIDE_LABEL: Readonly<Record<ActorSide, string>> = {
  us: 'US', russia: 'Russia', ukraine: 'Ukraine', europe: 'Europe', mediator: 'mediators', other: '',
};
const ROLE_ORDER: Readonly<Record<TopicActor['role'], number>> = { negotiator: 0, envoy: 0, leader: 1, official: 2 };
// A headline mention says more about what the article is about than one deep in the text.
const FIELD_WEIGHT: Readonly<Record<MatchField, number>> = { title: 3, summary: 2, body: 1 };
const MAX_PLACES = 2;
const MAX_ACTORS = 4;
const MAX_SUBJECTS = 3;
// The first part of the gist always says "talks"; a subject saying it again adds nothing.
const SAYS_TALKS = /\b(?:talks|negotiations)\b/iu;
// Lower-case name particles belong to the surname: "von der Leyen", "bin Salman".
const SURNAME = /(?:\s(?:\p{Ll}+\s)*)?\S+$/u;

interface Mentioned<T> {
  id: string;
  entity: T;
  /** Field-weighted mentions. */
  weight: number;
  /** Order of first mention. */
  first: number;
}

export function buildGist(evidence: readonly MatchedTerm[], topics: readonly Topic[]): string {
  const actors = collect(evidence, 'actor', topics, ACTORS);
  const places = collect(evidence, 'place', topics, PLACES);
  const subjects = collect(evidence, 'subject', topics, SUBJECTS);
  const hasContext = evidence.some((term) => term.group === 'context');

  const parts = [
    describeParties(actors.map((a) => a.entity.side), hasContext, topics[0]?.name),
    byWeight(places)
      .filter((place, i, all) => i === 0 || place.weight * 2 > all[0]!.weight)
      .slice(0, MAX_PLACES)
      .map((p) => p.entity.name)
      .join(', '),
    [...actors]
      .sort((a, b) => rankActor(a) - rankActor(b) || a.first - b.first)
      .slice(0, MAX_ACTORS)
      .map((a) => surname(a.entity.name))
      .join(', '),
    byWeight(subjects)
      .filter((s) => !SAYS_TALKS.test(s.entity.name))
      .slice(0, MAX_SUBJECTS)
      .map((s) => s.entity.name)
      .join(', '),
  ];
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}

/** "US–Russia talks" for two sides or more, "US on peace talks" for one, the topic's name for context only. */
function describeParties(sides: readonly ActorSide[], hasContext: boolean, topicName: string | undefined): string | undefined {
  const present = SIDE_ORDER.filter((side) => sides.includes(side));
  const parties = present.filter((side) => side !== 'mediator').map((side) => SIDE_LABEL[side]);
  const mediated = present.includes('mediator');
  if (parties.length >= 2) return `${parties.join('–')} talks${mediated ? ' with mediators' : ''}`;
  if (parties.length === 1) return `${parties[0]}${mediated ? ' and mediators' : ''} on peace talks`;
  // No party named: the war context alone says which talks these are.
  if (hasContext) return `${topicName ?? 'Russia–Ukraine peace talks'}${mediated ? ' with mediators' : ''}`;
  return mediated ? 'Mediators on peace talks' : undefined;
}

function rankActor(actor: Mentioned<TopicActor>): number {
  const side = SIDE_ORDER.indexOf(actor.entity.side);
  return ROLE_ORDER[actor.entity.role] * 10 + (side === -1 ? SIDE_ORDER.length : side);
}

// Actor names come from the topic packs, a few hundred: each surname is found once.
const surnames = new Map<string, string>();

function surname(name: string): string {
  let found = surnames.get(name);
  if (found === undefined) {
    found = (name.trim().match(SURNAME)?.[0] ?? name).trim();
    if (surnames.size < 10_000) surnames.set(name, found);
  }
  return found;
}

function byWeight<T>(items: readonly Mentioned<T>[]): Mentioned<T>[] {
  return [...items].sort((a, b) => b.weight - a.weight || a.first - b.first);
}

// The topic matcher names a term's group after its kind; other matchers may not.
const KIND_GROUPS: ReadonlySet<string> = new Set(['actor', 'place', 'subject']);

/** Distinct entities of one kind among the evidence, with their mention weight. */
function collect<T extends { id: string }>(
  evidence: readonly MatchedTerm[],
  kind: string,
  topics: readonly Topic[],
  list: (topic: Topic) => readonly T[],
): Array<Mentioned<T>> {
  const byId = new Map<string, Mentioned<T>>();
  for (let index = 0; index < evidence.length; index++) {
    const term = evidence[index]!;
    if (!term.entityId || (KIND_GROUPS.has(term.group) && term.group !== kind)) continue;
    const known = byId.get(term.entityId);
    if (known) {
      known.weight += FIELD_WEIGHT[term.field];
      continue;
    }
    const entity = findIn(topics, list, term.entityId);
    if (entity) byId.set(term.entityId, { id: term.entityId, entity, weight: FIELD_WEIGHT[term.field], first: index });
  }
  return [...byId.values()];
}

const ACTORS = (topic: Topic) => topic.actors;
const PLACES = (topic: Topic) => topic.places;
const SUBJECTS = (topic: Topic) => topic.subjects;

function findIn<T extends { id: string }>(topics: readonly Topic[], list: (topic: Topic) => readonly T[], id: string): T | undefined {
  for (const topic of topics) {
    const found = entitiesById(topic, list).get(id);
    if (found) return found;
  }
  return undefined;
}

// Every gist looks its entities up by id: each topic's lists are indexed once.
const indexes = new WeakMap<readonly object[], Map<string, { id: string }>>();

function entitiesById<T extends { id: string }>(topic: Topic, list: (topic: Topic) => readonly T[]): Map<string, T> {
  const entities = list(topic);
  let index = indexes.get(entities);
  if (!index) {
    index = new Map();
    // The first entity with an id wins, as a linear search would find it.
    for (const entity of entities) if (!index.has(entity.id)) index.set(entity.id, entity);
    indexes.set(entities, index);
  }
  return index as Map<string, T>;
}
