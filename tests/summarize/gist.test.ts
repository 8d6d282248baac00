import { describe, expect, it } from 'vitest';
import type { MatchedTerm } from '../../src/domain/match.js';
import { buildGist } from '../../src/summarize/gist.js';
import { createTestTopic } from '../builders/topic.js';
import { loadRealPack, seedEvidence, term } from './seed-article.js';

const base = createTestTopic();
const topic = createTestTopic({
  actors: [
    ...base.actors,
    { id: 'kushner', name: 'Jared Kushner', side: 'us', role: 'envoy', aliases: ['Kushner'] },
    { id: 'von-der-leyen', name: 'Ursula von der Leyen', side: 'europe', role: 'leader', aliases: ['von der Leyen'] },
    { id: 'erdogan', name: 'Recep Tayyip Erdoğan', side: 'mediator', role: 'leader', aliases: ['Erdoğan'] },
  ],
  places: [
    { id: 'miami', name: 'Miami', aliases: ['Miami'] },
    { id: 'kyiv', name: 'Kyiv', aliases: ['Kyiv', 'Kiev'] },
    { id: 'geneva', name: 'Geneva', aliases: ['Geneva', 'Genève'] },
    { id: 'abu-dhabi', name: 'Abu Dhabi', aliases: ['Abu Dhabi'] },
    { id: 'istanbul', name: 'Istanbul', aliases: ['Istanbul'] },
  ],
  subjects: [
    ...base.subjects,
    { id: 'security-guarantees', name: 'security guarantees', terms: { fr: ['garanties de sécurité'] } },
    { id: 'territory', name: 'territorial concessions', terms: { en: ['territory'] } },
    { id: 'sanctions-relief', name: 'sanctions relief', terms: { en: ['sanctions'] } },
  ],
});

const actor = (id: string, field: MatchedTerm['field'] = 'body'): MatchedTerm => term('actor', id, id, field);
const place = (id: string, field: MatchedTerm['field'] = 'body'): MatchedTerm => term('place', id, id, field);
const subject = (id: string, field: MatchedTerm['field'] = 'body'): MatchedTerm => term('subject', id, id, field);
const context = (text: string): MatchedTerm => term('context', text);

describe('buildGist', () => {
  it.each<[string, MatchedTerm[], string]>([
    [
      'two sides meeting at a venue',
      [actor('witkoff'), actor('kushner'), actor('dmitriev'), place('miami', 'title'), subject('ceasefire'), subject('security-guarantees')],
      'US–Russia talks · Miami · Witkoff, Kushner, Dmitriev · ceasefire, security guarantees',
    ],
    ['war context and a subject only', [context('Ukraine'), subject('ceasefire', 'title')], 'Russia–Ukraine peace talks · ceasefire'],
    ['one side', [actor('putin'), context('Kremlin'), subject('ceasefire')], 'Russia on peace talks · Putin · ceasefire'],
    ['a subject and nothing else', [subject('ceasefire')], 'ceasefire'],
    ['no evidence', [], ''],
    ['evidence the topics do not know', [actor('nobody'), place('atlantis')], ''],
    [
      'negotiators and envoys before leaders, then by side',
      [actor('zelensky', 'title'), actor('putin'), actor('umerov'), actor('witkoff'), actor('kushner')],
      'US–Russia–Ukraine talks · Witkoff, Kushner, Umerov, Putin',
    ],
    ['a surname with particles', [actor('von-der-leyen'), actor('zelensky')], 'Ukraine–Europe talks · Zelensky, von der Leyen'],
    ['a mediator next to two sides', [actor('witkoff'), actor('dmitriev'), actor('erdogan'), place('istanbul')], 'US–Russia talks with mediators · Istanbul · Witkoff, Dmitriev, Erdoğan'],
    ['a mediator with war context', [actor('erdogan'), context('Ukraine')], 'Russia–Ukraine peace talks with mediators · Erdoğan'],
    [
      'two venues named as often as each other',
      [actor('witkoff'), place('geneva', 'summary'), place('abu-dhabi', 'summary'), place('kyiv')],
      'US on peace talks · Geneva, Abu Dhabi · Witkoff',
    ],
    ['a capital mentioned in passing next to the venue', [actor('witkoff'), place('miami', 'title'), place('miami'), place('kyiv')], 'US on peace talks · Miami · Witkoff'],
    [
      'subjects by weight, at most three, without a second "talks"',
      [
        context('Ukraine'),
        subject('peace-talks', 'title'),
        subject('sanctions-relief'),
        subject('territory', 'summary'),
        subject('ceasefire', 'title'),
        subject('security-guarantees'),
      ],
      'Russia–Ukraine peace talks · ceasefire, territorial concessions, sanctions relief',
    ],
  ])('sums up %s', (_name, evidence, expected) => {
    expect(buildGist(evidence, [topic])).toBe(expected);
  });

  it('names at most four actors', () => {
    const evidence = ['witkoff', 'kushner', 'dmitriev', 'umerov', 'putin', 'zelensky'].map((id) => actor(id));
    expect(buildGist(evidence, [topic]).split(' · ')[1]?.split(', ')).toHaveLength(4);
  });

  it('tells what the French seed article is about, from the real pack and matcher', () => {
    const pack = loadRealPack();
    const gist = buildGist(seedEvidence(pack), [pack]);
    expect(gist.startsWith('US–Russia')).toBe(true);
    expect(gist).toContain(' · Miami · ');
    expect(gist).toContain('Witkoff, Kushner, Dmitriev');
    expect(gist).toMatch(/ceasefire|security guarantees/u);
    // English only: nothing of the French text leaks through.
    expect(gist).not.toMatch(/cessez|pourparlers|Moscou/u);
  });
});
