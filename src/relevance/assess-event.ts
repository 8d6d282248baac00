import type { EventAssessment, EventKind, Urgency } from '../domain/event-kind.js';
import type { MatchedTerm } from '../domain/match.js';
import { compileTermIndex, type TermIndex } from './term-index.js';
import { AGREEMENT_CUES, COLLAPSE_CUES, KIND_CUES, KIND_PRECEDENCE, NEGATION_CUES } from './event-cues.js';

/**
 * The kind of event a relevant report tells of, and its urgency, from cue words in the
 * headline (the lede when the headline has none) and the matcher's evidence. Rules, not a
 * model: the reason quotes the words that decided.
 */
type Cue = { kind: EventKind } | { kind: 'agreement' | 'collapse' | 'negation' };

let cueIndex: TermIndex<Cue> | undefined;

function cues(): TermIndex<Cue> {
  cueIndex ??= compileTermIndex<Cue>([
    ...KIND_PRECEDENCE.flatMap((kind) => KIND_CUES[kind].map((term) => ({ term, payload: { kind } }))),
    ...AGREEMENT_CUES.map((term) => ({ term, payload: { kind: 'agreement' as const } })),
    ...COLLAPSE_CUES.map((term) => ({ term, payload: { kind: 'collapse' as const } })),
    ...NEGATION_CUES.map((term) => ({ term, payload: { kind: 'negation' as const } })),
  ]);
  return cueIndex;
}

// Subjects whose agreement is news at once: a ceasefire or truce, an exchange, a peace deal.
const FLASH_SUBJECTS: ReadonlySet<string> = new Set(['ceasefire', 'energy-moratorium', 'prisoner-exchange', 'peace-talks']);

interface Found {
  kinds: Map<EventKind, string>;
  agreement?: string;
  collapse?: string;
  negation?: string;
}

function findCues(text: string): Found {
  const found: Found = { kinds: new Map() };
  for (const hit of cues().search(text)) {
    const { kind } = hit.entry.payload;
    if (kind === 'agreement') found.agreement ??= hit.text;
    else if (kind === 'collapse') found.collapse ??= hit.text;
    else if (kind === 'negation') found.negation ??= hit.text;
    else if (!found.kinds.has(kind)) found.kinds.set(kind, hit.text);
  }
  return found;
}

export function assessEvent(article: { title: string; summary: string }, evidence: readonly MatchedTerm[]): EventAssessment {
  const title = findCues(article.title);
  const lede = findCues(article.summary);
  let [kind, cue, where] = pickKind(title, 'headline') ?? pickKind(lede, 'lede') ?? fallbackKind(evidence);
  // Talks breaking down are their outcome, unless the report is an analysis or a leak.
  if (title.collapse && kind !== 'analysis' && kind !== 'report') [kind, cue, where] = ['outcome', title.collapse, 'headline'];
  const subjects = new Set(evidence.filter((t) => t.group === 'subject' && t.field === 'title').map((t) => t.entityId));
  const flashSubject = [...subjects].find((s) => s !== undefined && FLASH_SUBJECTS.has(s));
  let urgency: Urgency = kind === 'held' || kind === 'announced' || kind === 'outcome' ? 'high' : 'normal';
  let why = urgency === 'high' ? `a round ${kind === 'announced' ? 'announced' : kind === 'held' ? 'held' : 'with an outcome'}` : 'no round held or announced';
  if (title.collapse) {
    urgency = 'flash';
    why = `talks collapsing («${title.collapse}»)`;
  } else if (kind === 'outcome' && title.agreement && !title.negation && flashSubject) {
    urgency = 'flash';
    why = `${evidence.find((t) => t.entityId === flashSubject)?.name ?? flashSubject} agreed («${title.agreement}»)`;
  }
  const reason = cue ? `${kind}: «${cue}» in the ${where}; ${urgency}: ${why}` : `${kind}: ${where}; ${urgency}: ${why}`;
  return { kind, urgency, reason };
}

function pickKind(found: Found, where: string): [EventKind, string, string] | undefined {
  for (const kind of KIND_PRECEDENCE) {
    const cue = found.kinds.get(kind);
    if (cue !== undefined) return [kind, cue, where];
  }
  return undefined;
}

/** No cue anywhere: negotiators at a venue are a meeting; anything else, a statement. */
function fallbackKind(evidence: readonly MatchedTerm[]): [EventKind, string, string] {
  const place = evidence.some((t) => t.group === 'place');
  const actors = new Set(evidence.filter((t) => t.group === 'actor').map((t) => t.entityId)).size;
  return place && actors >= 2 ? ['held', '', 'actors at a venue, no cue word'] : ['statement', '', 'no cue word'];
}
