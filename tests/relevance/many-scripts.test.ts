import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/relevance/normalize-text.js';
import { withProclitics } from '../../src/relevance/proclitics.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';
import { createTestTopic } from '../builders/topic.js';

/**
 * Languages whose words the v1 matcher could not find: scripts without spaces (Han, kana),
 * Hangul words with their particles, Hebrew and Arabic prefixes, Indic vowel signs.
 */
const topic = createTestTopic({
  actors: [
    ...createTestTopic().actors,
    {
      id: 'putin-cjk', name: 'Vladimir Putin', side: 'russia', role: 'leader',
      aliases: ['普京', 'プーチン', '푸틴', 'פוטין', 'بوتين', 'पुतिन'],
    },
    {
      id: 'witkoff-cjk', name: 'Steve Witkoff', side: 'us', role: 'envoy',
      aliases: ['威特科夫', 'ウィトコフ', '위트코프', 'ויטקוף', 'ويتكوف', 'विटकॉफ'],
    },
  ],
  subjects: [
    ...createTestTopic().subjects,
    { id: 'peace-talks-more', name: 'peace talks', terms: { zh: ['和谈'], ja: ['和平交渉'], ko: ['평화 협상'], he: ['שיחות השלום'], ar: ['محادثات السلام'], hi: ['शांति वार्ता'] } },
  ],
  context: { ...createTestTopic().context, zh: ['乌克兰'], ja: ['ウクライナ'], ko: ['우크라이나'], he: ['אוקראינה'], ar: ['أوكرانيا'], hi: ['यूक्रेन'] },
});
const matcher = createTopicMatcher([topic]);

describe('matching in scripts written without spaces, with particles or prefixes', () => {
  it.each([
    ['Chinese, no spaces at all', '威特科夫与普京就乌克兰和谈举行会谈'],
    ['Japanese, kana and kanji run together', 'ウィトコフ特使がプーチン大統領とウクライナ和平交渉について協議'],
    ['Korean, particles on every word', '위트코프 특사는 푸틴과 우크라이나 평화협상을 논의했다'],
    ['Hebrew, prefixes on the words', 'ויטקוף נפגש עם פוטין בשיחות השלום על אוקראינה'],
    ['Arabic, prefixes on the words', 'ويتكوف يلتقي بوتين وبحث محادثات السلام في أوكرانيا'],
    ['Hindi, vowel signs kept', 'विटकॉफ ने पुतिन से यूक्रेन पर शांति वार्ता की'],
  ])('finds actors, subject and context in %s', (_name, title) => {
    const result = matcher.match({ title, summary: '' });
    expect(result.relevant).toBe(true);
    const groups = new Set(result.topics[0]!.terms.map((t) => t.group));
    expect([...groups].sort()).toEqual(['actor', 'context', 'subject']);
  });

  it('does not find a CJK term whose characters are there but apart', () => {
    const result = matcher.match({ title: '普通的京剧演出', summary: '' });
    expect(result.topics[0]?.terms ?? []).toEqual([]);
  });

  it('keeps Indic vowel signs: पतन ("fall") is not पुतिन', () => {
    expect(tokenize('पतन').map((t) => t.value)).not.toEqual(tokenize('पुतिन').map((t) => t.value));
    expect(matcher.match({ title: 'शेयर बाजार में पतन', summary: '' }).topics[0]?.terms ?? []).toEqual([]);
  });

  it('reports each CJK character as a token with its own offsets', () => {
    expect(tokenize('普京访华').map((t) => [t.value, t.start, t.end])).toEqual([
      ['普', 0, 1],
      ['京', 1, 2],
      ['访', 2, 3],
      ['华', 3, 4],
    ]);
  });

  it('folds Arabic and Persian spellings of a letter together', () => {
    expect(tokenize('ويتكوف').map((t) => t.value)).toEqual(tokenize('ویتکوف').map((t) => t.value));
  });
});

describe('withProclitics', () => {
  it('adds the Hebrew prefixes to the first word', () => {
    expect(withProclitics('אוקראינה')).toEqual(expect.arrayContaining(['אוקראינה', 'ואוקראינה', 'באוקראינה', 'לאוקראינה']));
  });

  it('joins و ب ف to the Arabic article and merges ل with it', () => {
    expect(withProclitics('الكرملين')).toEqual(expect.arrayContaining(['والكرملين', 'بالكرملين', 'للكرملين']));
    expect(withProclitics('الكرملين')).not.toContain('الالكرملين');
  });

  it('leaves Persian and Latin terms alone', () => {
    expect(withProclitics('پوتین')).toEqual(['پوتین']);
    expect(withProclitics('Witkoff*')).toEqual(['Witkoff*']);
  });
});

describe('a negotiator in another role', () => {
  const withRoles = createTopicMatcher([
    createTestTopic({
      actors: createTestTopic().actors.map((a) =>
        a.id === 'dmitriev' ? { ...a, otherRoles: { en: ['invest*', 'vaccine*'] } } : a,
      ),
    }),
  ]);

  it('is no signal when the text shows the other role', () => {
    const text = { title: 'Dmitriev says U.S. firms could invest in Russia\'s Arctic', summary: 'Talks with investors are at an early stage.' };
    expect(withRoles.match(text).relevant).toBe(false);
    // The same text without the role's words: the envoy is a signal again.
    expect(withRoles.match({ title: 'Dmitriev says talks with U.S. are at an early stage, Russia ready', summary: '' }).relevant).toBe(true);
  });

  it('still counts when a peace-talk subject is there too', () => {
    const text = { title: 'Dmitriev discusses investment and a ceasefire with Witkoff', summary: 'The Russian envoy met the U.S. team on Ukraine.' };
    expect(withRoles.match(text).relevant).toBe(true);
  });
});
