// Bounded work per article: whatever the keywords and the text, matching records a bounded number of hits.
import { describe, expect, it } from 'vitest';
import { compileTermIndex, MAX_HITS_PER_SEARCH, MAX_HITS_PER_TERM } from '../../src/relevance/term-index.js';
import { createTopicMatcher, MAX_MATCH_CHARS } from '../../src/relevance/topic-matcher.js';
import { createTestTopic } from '../builders/topic.js';

/** The worst keyword set: "a a", "a a a", … up to 40 tokens, each nested in the next. */
export const nestedKeywords = (): string[] => Array.from({ length: 39 }, (_, i) => Array.from({ length: i + 2 }, () => 'a').join(' '));

describe('bounded matching', () => {
  it('records at most a few hits per term and a bounded number per search, over a repetitive text', () => {
    const index = compileTermIndex(nestedKeywords().map((term) => ({ term, payload: term })));
    const hits = index.search('a '.repeat(5_000));
    expect(hits.length).toBeLessThanOrEqual(MAX_HITS_PER_SEARCH);
    const perTerm = new Map<string, number>();
    for (const h of hits) perTerm.set(h.entry.term, (perTerm.get(h.entry.term) ?? 0) + 1);
    expect(Math.max(...perTerm.values())).toBeLessThanOrEqual(MAX_HITS_PER_TERM);
    // Every term was still found.
    expect(perTerm.size).toBe(39);
  });

  it('matches at most MAX_MATCH_CHARS of a field: a term past the cap of a huge title is not looked for', () => {
    const matcher = createTopicMatcher([createTestTopic()], { keywords: ['zaporizhzhia reactor'] });
    const padding = 'x '.repeat(MAX_MATCH_CHARS.title);
    expect(matcher.match({ title: `zaporizhzhia reactor ${padding}`, summary: '' }).keywords).toEqual(['zaporizhzhia reactor']);
    expect(matcher.match({ title: `${padding} zaporizhzhia reactor`, summary: '' }).keywords).toEqual([]);
  });

  it('still finds the nested keywords in a 1 MB repetitive title', () => {
    const matcher = createTopicMatcher([createTestTopic()], { keywords: nestedKeywords() });
    expect(matcher.match({ title: 'a '.repeat(500_000), summary: '' }).keywords).toHaveLength(39);
  });
});
