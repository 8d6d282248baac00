import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { foldText, lettersAndDigitsRuns, tokenize, tokenizeTerm } from '../../src/relevance/normalize-text.js';

describe('foldText', () => {
  it.each([
    ['ÉTATS-UNIS', 'etats-unis'],
    ['Ёлка', 'елка'],
    ['Erdoğan', 'erdogan'],
    ['Zełenski', 'zelenski'],
    ['Friedensgespräche', 'friedensgesprache'],
    ['Straße', 'strasse'],
    ['Умєров', 'умєров'], // Ukrainian є is its own letter, not an accent
    ['İstanbul', 'istanbul'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('splits French elisions so the noun stands alone', () => {
    expect(tokenize("l’Ukraine et d'Ukraine").map((t) => t.value)).toEqual(['l', 'ukraine', 'et', 'd', 'ukraine']);
  });

  it('finds Cyrillic words on letter boundaries and keeps their offsets', () => {
    const text = 'Уиткофф встретился с Дмитриевым.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.value)).toEqual(['уиткофф', 'встретился', 'с', 'дмитриевым']);
    const last = tokens[3]!;
    expect(text.slice(last.start, last.end)).toBe('Дмитриевым');
  });

  it('treats decomposed and precomposed accents alike', () => {
    expect(tokenize('Gene\u0300ve').map((t) => t.value)).toEqual(tokenize('Genève').map((t) => t.value));
  });
});

describe('tokenizeTerm', () => {
  it.each([
    ['Уиткофф*', 'уиткофф*'],
    ['cessez-le-feu', 'cessez le feu'],
    ['28-point plan', '28 point plan'],
    ['мирн* переговор*', 'мирн* переговор*'],
    ['пропозиці* США', 'пропозиці* сша'],
  ])('reads %s', (term, expected) => {
    expect(tokenizeTerm(term).map((t) => t.value + (t.stem ? '*' : '')).join(' ')).toBe(expected);
  });
});

describe('folding one character at a time', () => {
  // The definition, applied to whole tokens: what the table-driven tokenizer must reproduce.
  // Han, kana and Hangul characters are tokens by themselves; Indic vowel signs are kept.
  const SOLO = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}';
  const TOKEN = new RegExp(`[${SOLO}]|(?:(?![${SOLO}])[\\p{L}\\p{N}])(?:(?![${SOLO}])[\\p{L}\\p{N}\\p{M}])*`, 'gu');
  const reference = (text: string) =>
    [...text.normalize('NFC').matchAll(TOKEN)].flatMap(([raw]) =>
      (
        raw
          .normalize('NFKD')
          .replace(/(?:(?![\u0900-\u0DFF])\p{M}|\u093C)+/gu, '')
          .toLowerCase()
          .replace(/[łßẞæœøđðþıςيىك]/gu, (ch) => ({ ł: 'l', ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ς: 'σ', ي: 'ی', ى: 'ی', ك: 'ک' })[ch]!)
          .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
      ).map(String),
    );
  const corpus = readFileSync(new URL('../fixtures/relevance/corpus.jsonl', import.meta.url), 'utf8').trim().split('\n');

  it('gives the tokens of the definition on every corpus text', () => {
    for (const line of corpus) {
      const { title, summary } = JSON.parse(line) as { title: string; summary: string };
      for (const text of [title, summary]) expect(tokenize(text).map((t) => t.value)).toEqual(reference(text));
    }
  });

  it.each([
    ['ΣΥΝΟΜΙΛΙΕΣ ΕΙΡΗΝΗΣ', ['συνομιλιεσ', 'ειρηνησ']],
    ['ﬁnal ½ Straße', ['final', '1', '2', 'strasse']],
    ['İSTANBUL Ёлка', ['istanbul', 'елка']],
    ['Gene\u0300ve 𝐀𝐁', ['geneve', 'ab']],
  ])('folds %s', (text, expected) => {
    expect(tokenize(text).map((t) => t.value)).toEqual(expected);
  });

  it('folds whole strings as it folds their characters', () => {
    for (const text of ['Zełenski · Умєров · ΟΔΟΣ', 'Œuvre d’État', 'abc']) {
      expect(foldText(text)).toBe([...text].map((ch) => foldText(ch)).join(''));
    }
  });
});

describe('lettersAndDigitsRuns', () => {
  const byRegex = (text: string) => text.match(/[\p{L}\p{N}]+/gu);

  it('gives what /[\\p{L}\\p{N}]+/gu matches, on the corpus folded and as written', () => {
    const corpus = readFileSync(new URL('../fixtures/relevance/corpus.jsonl', import.meta.url), 'utf8').trim().split('\n');
    for (const line of corpus) {
      const { title, summary } = JSON.parse(line) as { title: string; summary: string };
      for (const text of [title, summary, foldText(summary)]) expect(lettersAndDigitsRuns(text)).toEqual(byRegex(text));
    }
  });

  it.each(['', '  ,. ', 'a', '½ ﬁ 𝐀𝐁c 𝟙2', 'Gene\u0300ve', "l'Ukraine—d’Ukraine", '٣ مفاوضات 和平'])('splits %j like the regex', (text) => {
    expect(lettersAndDigitsRuns(text)).toEqual(byRegex(text));
  });
});
