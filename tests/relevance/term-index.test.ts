import { describe, expect, it } from 'vitest';
import { compileTermIndex } from '../../src/relevance/term-index.js';

const index = compileTermIndex([
  { term: 'Witkoff', payload: 'witkoff' },
  { term: 'Уиткофф*', payload: 'witkoff' },
  { term: 'cessez-le-feu', payload: 'ceasefire' },
  { term: 'peace talks', payload: 'talks' },
  { term: 'Ukrain*', payload: 'ukraine' },
  { term: 'Miami', payload: 'miami' },
  { term: 'мирн* переговор*', payload: 'talks' },
]);
const found = (text: string) => index.search(text).map((h) => `${h.entry.payload}=${h.text}`);

describe('compileTermIndex', () => {
  it.each([
    ['Witkoff lands in Miami', ['witkoff=Witkoff', 'miami=Miami']],
    ['WITKOFF’s team', ['witkoff=WITKOFF']],
    ['Встреча с Уиткоффом в Майами', ['witkoff=Уиткоффом']],
    ['un cessez le feu', ['ceasefire=cessez le feu']],
    ['un Cessez-le-feu', ['ceasefire=Cessez-le-feu']],
    ["l'Ukraine et les Ukrainiens", ['ukraine=Ukraine', 'ukraine=Ukrainiens']],
    ['Peace  talks resume', ['talks=Peace  talks']],
    ['о мирных переговорах', ['talks=мирных переговорах']],
  ])('finds the terms in %s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['Witkoffs? no: Witkoffian', []],
    ['Miamisburg, Ohio', []],
    ['peace and talks', []],
    ['Уиткоф', []],
  ])('respects letter boundaries in %s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('finds terms whose first word is shorter than the prefix filter, and short stems', () => {
    const short = compileTermIndex([
      { term: 'EU summit', payload: 'eu' },
      { term: 'à Kyiv', payload: 'kyiv' },
      { term: 'G7', payload: 'g7' },
    ]);
    expect(short.search('An EU summit, then G7 leaders à Kyiv').map((h) => h.entry.payload)).toEqual(['eu', 'g7', 'kyiv']);
    const stems = compileTermIndex([{ term: 'ab*', payload: 'ab' }]);
    expect(stems.search('Abkommen, abc, xab').map((h) => h.text)).toEqual(['Abkommen', 'abc']);
  });

  it('counts its terms', () => {
    expect(index.size).toBe(7);
  });
});
