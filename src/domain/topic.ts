/**
 * A topic pack, as loaded from config/topics/<id>.yaml.
 *
 * Term syntax (everywhere below): a word or phrase, matched case-, accent- and
 * script-insensitively on letter boundaries (É = e, ё = е, ’ = '). A `*` at the end
 * of a word makes it a stem: `Уиткофф*` matches Уиткоффа, Уиткоффом; `мирн* переговор*`
 * matches мирные переговоры and мирных переговорах.
 */
export interface Topic {
  id: string;
  name: string;
  description: string;
  /** People and bodies of the story; their side makes a meeting Russia–Ukraine context by itself. */
  actors: TopicActor[];
  /** Venues of talks. A venue is a signal only together with a subject or an actor. */
  places: TopicEntity[];
  /** What the talks are about (ceasefire, security guarantees, …), terms per language. */
  subjects: TopicSubject[];
  /** Terms that place an article in the Russia–Ukraine war (Ukraine, Kremlin, Donbas, …), per language. */
  context: TermsByLanguage;
  /** Terms of other conflicts and stories (Gaza, Hamas, Sudan, …) that lower the score. */
  counter: TermsByLanguage;
}

export type ActorSide = 'us' | 'russia' | 'ukraine' | 'europe' | 'mediator' | 'other';

export interface TopicEntity {
  /** Short id, e.g. "witkoff", "miami". */
  id: string;
  /** Display name in English, e.g. "Steve Witkoff". */
  name: string;
  /** Every spelling, script and (with `*`) inflection. */
  aliases: string[];
}

export interface TopicActor extends TopicEntity {
  side: ActorSide;
  /** negotiator/envoy: a signal by itself; leader/official: context, and a signal next to a subject. */
  role: 'negotiator' | 'envoy' | 'leader' | 'official';
  /**
   * Terms that show a negotiator in another role (a fund chief on investment, vaccines or a
   * tunnel): found in the text, the actor is no signal by itself, only context.
   */
  otherRoles?: TermsByLanguage;
}

export interface TopicSubject {
  id: string;
  /** English label, e.g. "ceasefire", used in gists and "why" lines. */
  name: string;
  /**
   * How much the subject says on its own: 2 (default) for specific ones (ceasefire,
   * security guarantees); 1 for generic ones ("talks", "envoy") that need a second signal
   * or strong context.
   */
  weight?: number;
  terms: TermsByLanguage;
}

/** ISO 639-1 code → terms. Languages are a documentation aid: every term is tried on every article. */
export type TermsByLanguage = Record<string, string[]>;
