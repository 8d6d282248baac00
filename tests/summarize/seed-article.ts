import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { topicPackSchema } from '../../src/config/config-schema.js';
import type { MatchedTerm } from '../../src/domain/match.js';
import type { Topic } from '../../src/domain/topic.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';

/** The seed article: its first paragraph as the feed's lede, the rest as full text. */
export function loadSeedArticle(): { title: string; summary: string; body: string } {
  const [summary = '', ...rest] = readFileSync(new URL('../fixtures/articles/seed-article-fr.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  return {
    title: 'Des émissaires américains et russes pourraient se rencontrer à Miami ce week-end',
    summary,
    body: rest.join('\n'),
  };
}

/** The shipped topic pack, parsed as the app does. */
export function loadRealPack(): Topic {
  const text = readFileSync(new URL('../../config/topics/ukraine-peace-talks.yaml', import.meta.url), 'utf8');
  return topicPackSchema.parse(parse(text));
}

let cachedEvidence: MatchedTerm[] | undefined;

/** What the real matcher finds in the seed article (compiled once: the real pack is large). */
export function seedEvidence(pack: Topic): MatchedTerm[] {
  cachedEvidence ??= createTopicMatcher([pack]).match(loadSeedArticle()).topics[0]?.terms ?? [];
  return cachedEvidence;
}

/** Evidence as the matcher reports it, for hand-written cases. */
export function term(group: string, text: string, entityId?: string, field: MatchedTerm['field'] = 'body'): MatchedTerm {
  return { term: text, group, field, text, ...(entityId ? { entityId } : {}) };
}
