import { describe, expect, it } from 'vitest';
import { foldText, tokenize, tokenizeTerm } from '../../src/relevance/normalize-text.js';

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
