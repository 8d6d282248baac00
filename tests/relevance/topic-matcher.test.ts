import { describe, expect, it } from 'vitest';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';
import { createTestTopic } from '../builders/topic.js';

const matcher = createTopicMatcher([createTestTopic()]);

describe('topic matcher v1', () => {
  it.each([
    ['an envoy meeting a Russian negotiator, Ukraine unnamed', 'Witkoff and Dmitriev meet in Miami', ''],
    ['a ceasefire with Ukraine context', 'Kremlin rejects ceasefire proposal', ''],
    ['a French lede', 'Guerre : ce que l’on sait', 'Les pourparlers entre Kiev et Moscou reprennent à Miami.'],
    ['inflected Russian names', 'Уиткофф встретился с Дмитриевым', ''],
    ['a Ukrainian headline', 'Умєров: перемир’я можливе', 'Делегація України прибула до Маямі.'],
    ['generic talks between both sides', 'Russia and Ukraine hold talks', ''],
    ['an actor at a venue on a specific subject, Ukraine unnamed', 'Geneva: Rubio sees progress on the peace plan', ''],
    ['a specific subject at a venue, nobody named', 'Ceasefire proposal on the table in Geneva', ''],
  ])('flags %s', (_why, title, summary) => {
    expect(matcher.match({ title, summary }).relevant).toBe(true);
  });

  it.each([
    ['the envoy on Gaza', 'Witkoff heads to Cairo for Gaza ceasefire talks', 'Hamas and Israel negotiators meet.'],
    ['another ceasefire', 'Sudan truce collapses within hours', ''],
    ['war news with no talks', 'Russian drones hit Kyiv overnight', 'Power outages across Ukraine.'],
    ['Miami without diplomacy', 'Miami Heat beat Boston', ''],
    ['counter-context outweighing context', 'Putin welcomes Gaza ceasefire', 'Hamas and Israel agree truce'],
    ['a generic subject with one-sided context', 'Ukraine and IMF open talks on new loan', ''],
    ['a venue and an official on a generic subject', 'Geneva talks: Rubio meets Chinese counterpart', ''],
    ['an unnamed-context venue story when another conflict is named', 'Geneva: Rubio on the Gaza peace plan', ''],
  ])('does not flag %s', (_why, title, summary) => {
    expect(matcher.match({ title, summary }).relevant).toBe(false);
  });

  it('explains itself: terms, groups and fields', () => {
    const result = matcher.match({ title: 'Witkoff in Miami', summary: 'Talks with Dmitriev on a ceasefire.' });
    expect(result.relevant).toBe(true);
    const evidence = result.topics[0]!.terms.map((t) => `${t.group}:${t.text}@${t.field}`);
    expect(evidence).toEqual(
      expect.arrayContaining(['actor:Witkoff@title', 'place:Miami@title', 'actor:Dmitriev@summary', 'subject:ceasefire@summary']),
    );
  });

  it('scores a headline hit above the same hit in the body', () => {
    const inTitle = matcher.match({ title: 'Ceasefire talks on Ukraine', summary: '' });
    const inBody = matcher.match({ title: 'Update', summary: 'Ceasefire talks on Ukraine' });
    expect(inTitle.score).toBeGreaterThan(inBody.score);
    expect(inTitle.score).toBeLessThanOrEqual(1);
  });

  it('reports user keywords as literals, whatever the topics say', () => {
    const withKeywords = createTopicMatcher([createTestTopic()], { keywords: ['Zaporizhzhia NPP', 'IAEA*'] });
    expect(withKeywords.match({ title: 'IAEA team rotates at Zaporizhzhia NPP', summary: '' }).keywords).toEqual([
      'IAEA*',
      'Zaporizhzhia NPP',
    ]);
    // The `*` a user typed is not a stem: "IAEAs" is another word.
    expect(withKeywords.match({ title: 'IAEAs', summary: '' }).keywords).toEqual([]);
  });

  it('returns an empty result for text with no terms', () => {
    expect(matcher.match({ title: 'Weather', summary: 'Sunny.' })).toEqual({ relevant: false, score: 0, topics: [], keywords: [] });
  });
});
