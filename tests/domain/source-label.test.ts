import { describe, expect, it } from 'vitest';
import { coverageOf, describeSource, groupBySourceType } from '../../src/domain/source-label.js';

describe('describeSource', () => {
  it.each([
    ['RIA Novosti', { type: 'state-affiliated', country: 'ru' } as const, 'RIA Novosti · state-affiliated · ru'],
    ['Euronews', { type: 'broadcaster' } as const, 'Euronews · broadcaster'],
    ['Example News', undefined, 'Example News'],
  ])('labels %s as %j', (name, label, expected) => {
    expect(describeSource(name, label)).toBe(expected);
  });
});

describe('groupBySourceType', () => {
  it('lists official sources first, state-affiliated after the independent press, unlabelled last, order kept inside a group', () => {
    const reports = [
      { source: 'TASS', sourceType: 'state-affiliated' as const },
      { source: 'Unlabelled' },
      { source: 'Le Monde', sourceType: 'newspaper' as const },
      { source: 'Kremlin', sourceType: 'official' as const },
      { source: 'Guardian', sourceType: 'newspaper' as const },
    ];
    expect(groupBySourceType(reports).map((g) => [g.type, g.reports.map((r) => r.source)])).toEqual([
      ['official', ['Kremlin']],
      ['newspaper', ['Le Monde', 'Guardian']],
      ['state-affiliated', ['TASS']],
      [undefined, ['Unlabelled']],
    ]);
  });
});

describe('coverageOf', () => {
  it('counts each outlet and language once', () => {
    const reports = [
      { source: 'A', language: 'en' },
      { source: 'A', language: 'en' },
      { source: 'B', language: 'uk' },
      { source: 'C' },
    ];
    expect(coverageOf(reports)).toEqual({ outlets: 3, languages: ['en', 'uk'] });
  });
});
