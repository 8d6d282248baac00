import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { topicPackSchema } from '../../src/config/config-schema.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';

/** Patterns of the shipped pack that generalise (issue 12, item 1): each case stands for a class of articles. */
const pack = topicPackSchema.parse(parse(readFileSync('config/topics/ukraine-peace-talks.yaml', 'utf8')));
const matcher = createTopicMatcher([pack]);
const relevant = (title: string, summary = '') => matcher.match({ title, summary }).relevant;

describe('counter-context in compounds and inflections', () => {
  it.each([
    ['a German compound', 'Waffenruhe im Gazastreifen hält – Verhandlungen in Kairo', 'Beobachter in Kiew und Moskau verfolgen die Gespräche.'],
    ['another German compound', 'Gaza-Friedensplan: Witkoff kündigt zweite Phase an', 'Auch in Moskau wurde die Ankündigung begrüßt.'],
    ['a Ukrainian inflection', 'Перемир’я у секторі Гази: переговори в Каїрі тривають', 'У Києві стежать за ходом переговорів.'],
    ['a Czech inflection', 'Příměří v Pásmu Gazy platí, jednání pokračují', 'V Kyjevě a Moskvě sledují vývoj.'],
  ])('keeps %s about Gaza out', (_name, title, summary) => {
    expect(relevant(title, summary)).toBe(false);
  });
});

describe('negotiators in other roles and other files', () => {
  it.each([
    ['the fund chief on investment', 'Dmitriev invites U.S. investors to Arctic projects', 'The head of Russia\'s sovereign wealth fund spoke at a forum in Moscow.'],
    ['embassy talks', 'U.S. and Russian diplomats hold embassy talks in Istanbul', 'The delegations discussed diplomatic property and visas.'],
    ['a Belarus prisoner release', 'Belarus frees 52 political prisoners after U.S. envoy visit', 'Lukashenko met Trump\'s envoy John Coale in Minsk.'],
    ['a foreign minister on another file', 'Lavrov visits Pyongyang for talks with North Korea\'s foreign minister', 'Russia and North Korea praised their partnership.'],
  ])('keeps %s out', (_name, title, summary) => {
    expect(relevant(title, summary)).toBe(false);
  });
});

describe('the talks, said without the usual words', () => {
  it.each([
    ['a negotiator quoted at a venue', "Berlin talks: 'a lot of progress' made, Witkoff says"],
    ['a partial deal agreed at talks', 'Dritte Verhandlungsrunde in Istanbul: Nur Einigung auf Gefangenenaustausch'],
    ['a leaders\' summit', 'Trump and Putin to meet in Alaska next week'],
    ['a lede-only excerpt', '', 'Umerov and Witkoff held talks in Miami on the peace plan and security guarantees for Ukraine.'],
    ['Chinese', '俄乌美三方会谈在阿布扎比举行'],
    ['Japanese', 'ウクライナ・ロシア・アメリカ 初の3者協議 アブダビで始まる'],
    ['Korean', '우크라이나·러시아·미국, 아부다비서 첫 3자 회담'],
    ['Hebrew', 'לראשונה: שיחות משולשות בין אוקראינה, רוסיה וארה"ב באבו דאבי'],
    ['Georgian', 'აბუ-დაბიში უკრაინის, რუსეთისა და აშშ-ის პირველი სამმხრივი მოლაპარაკებები დაიწყო'],
  ])('finds %s', (_name, title, summary = '') => {
    expect(relevant(title, summary)).toBe(true);
  });
});

describe('leaders of two sides together', () => {
  it.each([
    ['Trump welcomes Zelensky at the White House'],
    ['Zelensky received by Trump in the Oval Office'],
    ['Putin and Trump to meet in Budapest, Kremlin says'],
  ])('are the talks at the top: %s', (title) => {
    expect(relevant(title)).toBe(true);
  });

  it('are not when a negotiator is there in another role', () => {
    expect(relevant('Dmitriev proposes a "Putin–Trump tunnel" under the Bering Strait')).toBe(false);
  });
});
