import { describe, expect, it } from 'vitest';
import { assessEvent } from '../../src/relevance/assess-event.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';
import { createTestTopic } from '../builders/topic.js';

const topic = createTestTopic({
  subjects: [
    ...createTestTopic().subjects,
    { id: 'prisoner-exchange', name: 'prisoner exchange agreed in talks', terms: { en: ['prisoners'], ru: ['пленными'], de: ['Gefangenen'] } },
  ],
});
const matcher = createTopicMatcher([topic]);
const assess = (title: string, summary = '') => assessEvent({ title, summary }, matcher.match({ title, summary }).topics[0]?.terms ?? []);

describe('assessEvent', () => {
  it.each([
    ['Witkoff and Kushner to meet Putin in Moscow on Thursday', 'announced', 'high'],
    ['Umerov meets Witkoff in Miami for talks on a ceasefire', 'held', 'high'],
    ['Russia and Ukraine agree to swap 314 prisoners, Witkoff says', 'outcome', 'flash'],
    ['Россия и Украина договорились об обмене 314 пленными', 'outcome', 'flash'],
    ['Russland und Ukraine vereinbaren Austausch von 314 Gefangenen', 'outcome', 'flash'],
    ['Talks in Miami end without a ceasefire agreement', 'outcome', 'high'],
    ['Kremlin rejects the ceasefire proposal, Peskov says', 'statement', 'normal'],
    ['Draft of the peace plan leaked: what Kyiv would give up, sources say', 'report', 'normal'],
    ['Analysis: why the Miami talks did not bring a ceasefire', 'analysis', 'normal'],
    ['Ukraine peace talks collapse as Russia walks out', 'outcome', 'flash'],
  ])('%s → %s / %s', (title, kind, urgency) => {
    const event = assess(title);
    expect([event.kind, event.urgency]).toEqual([kind, urgency]);
    // The reason quotes the words that decided.
    expect(event.reason).toMatch(/«.+»/u);
  });

  it('reads the lede when the headline has no cue', () => {
    expect(assess('Live updates', 'Umerov met Witkoff in Miami on Sunday.').kind).toBe('held');
  });

  it('is no flash when the agreement is denied', () => {
    expect(assess('No agreement on prisoners swap in Istanbul talks').urgency).not.toBe('flash');
  });
});
