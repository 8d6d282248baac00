import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summarize/summarize-text.js';
import { stripBoilerplate } from '../../src/summarize/boilerplate.js';

/** Sentences the segmenter used to cut after an abbreviation, an initial or an ordinal day. */
describe('splitSentences keeps abbreviations inside their sentence', () => {
  it.each([
    ['en', 'Rubio said on Dec. 16. The talks will go on.', ['Rubio said on Dec. 16.', 'The talks will go on.']],
    ['en', 'The vote was delayed. Sen. Graham disagreed with Gen. Kellogg.', ['The vote was delayed.', 'Sen. Graham disagreed with Gen. Kellogg.']],
    ['fr', 'M. Macron a reçu M. Zelensky. Ils ont parlé.', ['M. Macron a reçu M. Zelensky.', 'Ils ont parlé.']],
    ['de', 'Die Gespräche begannen am 16. Dezember in Berlin. Am 17. Dez. folgte Genf.', ['Die Gespräche begannen am 16. Dezember in Berlin.', 'Am 17. Dez. folgte Genf.']],
    ['ru', 'Встреча прошла 2 дек. 2025 г. в Москве. Путин заявил об этом.', ['Встреча прошла 2 дек. 2025 г. в Москве.', 'Путин заявил об этом.']],
    ['ru', 'Об этом говорит ст. 5 договора. Он подписан в 1994 г. В Будапеште.', ['Об этом говорит ст. 5 договора.', 'Он подписан в 1994 г. В Будапеште.']],
    ['uk', 'Згідно зі ст. 5 договору сторони діють. Це сказав ген. Буданов.', ['Згідно зі ст. 5 договору сторони діють.', 'Це сказав ген. Буданов.']],
    ['pl', 'Rozmowy odbyły się 30 lis. W Miami gen. Driscoll był obecny.', ['Rozmowy odbyły się 30 lis. W Miami gen. Driscoll był obecny.']],
    ['it', 'Lo ha detto il gen. Graziano. I colloqui riprendono.', ['Lo ha detto il gen. Graziano.', 'I colloqui riprendono.']],
    ['es', 'Lo confirmó el Sr. Albares. Las conversaciones siguen.', ['Lo confirmó el Sr. Albares.', 'Las conversaciones siguen.']],
    ['cs', 'Podle gen. Pavla je to vážné. Jednání pokračují.', ['Podle gen. Pavla je to vážné.', 'Jednání pokračují.']],
    ['tr', 'Org. Gen. Metin Gürak toplantıya katıldı. Görüşmeler sürüyor.', ['Org. Gen. Metin Gürak toplantıya katıldı.', 'Görüşmeler sürüyor.']],
  ])('%s: %s', (language, text, expected) => {
    expect(splitSentences(text, language)).toEqual(expected);
  });

  it('leaves a sentence that ends with an ordinary word and a number alone', () => {
    expect(splitSentences('Talks ended at 5. The next round is on Monday.', 'en')).toEqual(['Talks ended at 5.', 'The next round is on Monday.']);
  });
});

describe('feed boilerplate in the languages of WordPress sites', () => {
  it.each([
    ['Talks resumed in Miami. The post Talks resume appeared first on Kyiv Post.', 'Talks resumed in Miami.'],
    ['Die Gespräche gehen weiter. Der Beitrag Gespräche in Genf erschien zuerst auf Beispiel.de.', 'Die Gespräche gehen weiter.'],
    ["Les pourparlers continuent. L'article Pourparlers à Genève est apparu en premier sur Exemple.", 'Les pourparlers continuent.'],
    ['Переговоры продолжаются. Запись Переговоры в Женеве впервые появилась на Пример.', 'Переговоры продолжаются.'],
    ['Rozmowy trwają. Wpis Rozmowy w Genewie pojawił się pierwszy raz w Przykład.', 'Rozmowy trwają.'],
    ['Talks resumed. This article originally appeared on Example News.', 'Talks resumed.'],
  ])('drops the footer of %s', (text, expected) => {
    expect(stripBoilerplate(text)).toBe(expected);
  });
});
