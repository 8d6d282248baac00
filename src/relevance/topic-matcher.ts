import type { MatchField, MatchResult, MatchedTerm, TopicMatch } from '../domain/match.js';
import type { ActorSide, Topic, TopicActor } from '../domain/topic.js';
import type { MatchInput, Matcher } from './matcher.js';
import { withProclitics } from './proclitics.js';
import { compileTermIndex, type TermEntry, type TermHit } from './term-index.js';

type TermKind = 'actor' | 'role' | 'place' | 'subject' | 'context' | 'counter' | 'keyword';

interface TermRef {
  topicIndex: number;
  kind: TermKind;
  /** Entity id (actor/place/subject) or the term itself for context/counter. */
  id: string;
  /** Display name of the actor, place or subject. */
  name?: string;
  actor?: Pick<TopicActor, 'side' | 'role'>;
  /** Signal weight of a subject (generic ones count less). */
  weight?: number;
  /** `kind:id`: one entity, however many of its terms are found. */
  key: string;
}

/** The sides whose leaders meeting one another is a peace-talk event. */
const LEADER_SIDES: ReadonlySet<ActorSide> = new Set(['us', 'russia', 'ukraine']);
/** Sides whose presence alone places a story in the Russia–Ukraine war. */
const WAR_SIDES: ReadonlySet<ActorSide> = new Set(['russia', 'ukraine']);
// A hit in the headline says more about what the article is about than one in the lede,
// and one deep in the full text says less (long articles mention many things in passing).
const FIELD_WEIGHT: Record<MatchField, number> = { title: 1.5, summary: 1, body: 0.5 };
const COUNTER_WEIGHT = 1.5;
/** One specific subject or one negotiator; a generic subject alone (weight 1) falls short. */
const MIN_SIGNAL = 2;

/**
 * Matching v1: one term index over every topic; a topic is relevant when the article
 * has a peace-talk signal (a subject, or a negotiator/envoy) AND Russia–Ukraine
 * context (a context term, or an actor of either side), and counter-context
 * (other conflicts) does not outweigh that context.
 */
export function createTopicMatcher(topics: readonly Topic[], opts: { keywords?: readonly string[] } = {}): Matcher {
  const index = compileTermIndex<TermRef>([...topicTermEntries(topics), ...keywordEntries(opts.keywords ?? [])]);

  return {
    match(input: MatchInput): MatchResult {
      // Per topic, its hits and the field of each (parallel arrays: no object per hit).
      const hitsByTopic = new Map<number, TopicHits>();
      const keywords = new Set<string>();
      for (const field of FIELDS) {
        const full = input[field];
        if (!full) continue;
        const text = full.length > MAX_MATCH_CHARS[field] ? full.slice(0, MAX_MATCH_CHARS[field]) : full;
        for (const hit of index.search(text)) {
          const payload = hit.entry.payload;
          if (payload.kind === 'keyword') {
            keywords.add(payload.id);
            continue;
          }
          let found = hitsByTopic.get(payload.topicIndex);
          if (!found) hitsByTopic.set(payload.topicIndex, (found = { hits: [], fields: [] }));
          found.hits.push(hit);
          found.fields.push(field);
        }
      }
      const results: TopicMatch[] = [];
      for (const [topicIndex, hits] of hitsByTopic) {
        results.push(scoreTopic(topics[topicIndex]!.id, hits));
      }
      results.sort((a, b) => b.score - a.score);
      return {
        relevant: results.some((t) => t.relevant),
        score: results[0]?.score ?? 0,
        topics: results,
        keywords: [...keywords],
      };
    },
  };
}

const FIELDS: readonly MatchField[] = ['title', 'summary', 'body'];
/** Text matched per field, whatever a caller passes (ingest keeps fields within these already). */
export const MAX_MATCH_CHARS: Readonly<Record<MatchField, number>> = { title: 1_000, summary: 2_000, body: 20_000 };

interface TopicHits {
  hits: Array<TermHit<TermRef>>;
  fields: MatchField[];
}

/** User keywords are literals: a `*` is punctuation, never a stem or a pattern. */
function* keywordEntries(keywords: readonly string[]): Generator<TermEntry<TermRef>> {
  for (const phrase of keywords) {
    const literal = phrase.replace(/\*/gu, ' ');
    if (literal.trim()) yield { term: literal, payload: ref({ topicIndex: -1, kind: 'keyword', id: phrase }) };
  }
}

function* topicTermEntries(topics: readonly Topic[]): Generator<TermEntry<TermRef>> {
  for (const entry of packTermEntries(topics)) {
    for (const pattern of withProclitics(entry.term)) yield pattern === entry.term ? entry : { ...entry, pattern };
  }
}

function* packTermEntries(topics: readonly Topic[]): Generator<TermEntry<TermRef>> {
  for (const [topicIndex, topic] of topics.entries()) {
    for (const actor of topic.actors) {
      const payload = ref({ topicIndex, kind: 'actor', id: actor.id, name: actor.name, actor: { side: actor.side, role: actor.role } });
      for (const term of actor.aliases) yield { term, payload };
      // A term of another role stands for the actor's id: it switches that actor's signal off.
      const role = ref({ topicIndex, kind: 'role', id: actor.id, name: actor.name });
      for (const term of Object.values(actor.otherRoles ?? {}).flat()) yield { term, payload: role };
    }
    for (const place of topic.places) {
      const payload = ref({ topicIndex, kind: 'place', id: place.id, name: place.name });
      for (const term of place.aliases) yield { term, payload };
    }
    for (const subject of topic.subjects) {
      const payload = ref({ topicIndex, kind: 'subject', id: subject.id, name: subject.name, weight: subject.weight ?? 2 });
      for (const term of Object.values(subject.terms).flat()) yield { term, payload };
    }
    for (const term of Object.values(topic.context).flat()) yield { term, payload: ref({ topicIndex, kind: 'context', id: term }) };
    for (const term of Object.values(topic.counter).flat()) yield { term, payload: ref({ topicIndex, kind: 'counter', id: term }) };
  }
}

const ref = (r: Omit<TermRef, 'key'>): TermRef => ({ ...r, key: `${r.kind}:${r.id}` });

function scoreTopic(topicId: string, { hits, fields }: TopicHits): TopicMatch {
  // Count each entity once, at its strongest field.
  const weightById = new Map<string, { ref: TermRef; weight: number }>();
  const terms: MatchedTerm[] = [];
  // The entity of each term, for finding repeats: a text names few entities, so a scan
  // costs less than building a key string per hit.
  const termRefs: TermRef[] = [];
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    const field = fields[h]!;
    const ref = hit.entry.payload;
    const key = ref.key;
    const weight = FIELD_WEIGHT[field];
    const prev = weightById.get(key);
    if (!prev) weightById.set(key, { ref, weight });
    else if (prev.weight < weight) prev.weight = weight;
    if (!isRepeat(terms, termRefs, key, field, hit.text)) {
      termRefs.push(ref);
      // Two literals rather than a spread of a temporary object: this runs for every hit.
      terms.push(
        ref.name
          ? { term: hit.entry.term, group: ref.kind, field, text: hit.text, entityId: ref.id, name: ref.name }
          : { term: hit.entry.term, group: ref.kind, field, text: hit.text },
      );
    }
  }

  let signal = 0;
  let context = 0;
  let counter = 0;
  let places = 0;
  let specificSubjects = 0;
  let negotiators = 0;
  // Sides whose leaders the text names: two of them meeting is the talks at the top.
  let leaderSides: Set<ActorSide> | undefined;
  let genericSubjects = 0;
  // Actors seen in another role (Dmitriev as fund chief on investment): no signal by themselves.
  let otherRoles: Set<string> | undefined;
  for (const { ref } of weightById.values()) if (ref.kind === 'role') (otherRoles ??= new Set()).add(ref.id);
  for (const { ref, weight } of weightById.values()) {
    switch (ref.kind) {
      case 'subject':
        // "Talks" next to a negotiator in another role are that role's talks (with investors).
        if ((ref.weight ?? 2) < 2 && otherRoles) break;
        signal += (ref.weight ?? 2) * weight;
        if ((ref.weight ?? 2) >= 2) specificSubjects++;
        else genericSubjects++;
        break;
      case 'actor':
        if ((ref.actor?.role === 'negotiator' || ref.actor?.role === 'envoy') && !otherRoles?.has(ref.id)) {
          signal += 2 * weight;
          negotiators++;
        }
        if (ref.actor && WAR_SIDES.has(ref.actor.side)) context += weight;
        if (ref.actor?.role === 'leader' && LEADER_SIDES.has(ref.actor.side)) (leaderSides ??= new Set()).add(ref.actor.side);
        break;
      case 'place':
        places += weight;
        break;
      case 'context':
        context += weight;
        break;
      case 'counter':
        counter += COUNTER_WEIGHT * weight;
        break;
    }
  }
  // Leaders of two of the three sides together (Trump receives Zelensky, a Trump–Putin
  // summit) are a peace-talk event without any talk word: one specific signal — unless a
  // negotiator is there in another role (a "Putin–Trump tunnel" is the fund chief's idea).
  if (!otherRoles && leaderSides && leaderSides.size >= 2 && (leaderSides.has('russia') || leaderSides.has('ukraine'))) signal += MIN_SIGNAL;
  // A venue means something only when talks or negotiators are already in the text.
  if (signal > 0) signal += places;
  // "Geneva: Rubio sees progress on the peace plan", "security guarantees ahead of the Berlin
  // meeting": a specific subject at a known venue is this story's context even unnamed —
  // weakly, so any other conflict named outweighs it.
  // The same holds for a negotiator quoted at a venue ("Berlin talks: progress, Witkoff says").
  if (context === 0 && places > 0 && (specificSubjects > 0 || (negotiators > 0 && genericSubjects > 0))) context = 0.5;

  // A generic signal ("talks", "envoy") needs a second signal or context from both sides.
  const relevant = (signal >= MIN_SIGNAL || (signal > 0 && context >= 2)) && context > 0 && counter < context;
  const raw = Math.max(0, signal + context - counter);
  const score = relevant ? round2(raw / (raw + 4)) : round2(Math.min(0.49, raw / (raw + 8)));
  return { topicId, relevant, score, terms };
}

/** The same entity, in the same field, written the same way, is already evidence. */
function isRepeat(terms: readonly MatchedTerm[], refs: readonly TermRef[], key: string, field: MatchField, text: string): boolean {
  for (let i = 0; i < terms.length; i++) {
    if (refs[i]!.key === key && terms[i]!.field === field && terms[i]!.text === text) return true;
  }
  return false;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
