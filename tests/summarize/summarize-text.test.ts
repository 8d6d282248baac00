import { describe, expect, it } from 'vitest';
import { splitSentences, stripBoilerplate, summarizeLead } from '../../src/summarize/summarize-text.js';

describe('summarizeLead', () => {
  const french =
    'Ce week-end, une rencontre pourrait avoir lieu à Miami. Les États-Unis prévoient de faire part des résultats. La délégation russe devrait comprendre Kirill Dmitriev.';

  it('keeps whole sentences within the budget', () => {
    const summary = summarizeLead(french, { maxChars: 120, language: 'fr' });
    expect(summary).toBe('Ce week-end, une rencontre pourrait avoir lieu à Miami. Les États-Unis prévoient de faire part des résultats.');
    expect(summary.length).toBeLessThanOrEqual(120);
  });

  it('returns short text whole', () => {
    expect(summarizeLead('Short lede.', { maxChars: 400 })).toBe('Short lede.');
  });

  it('cuts an over-long first sentence on a word boundary with an ellipsis', () => {
    const long = `${'word '.repeat(100)}end.`;
    const summary = summarizeLead(long, { maxChars: 50 });
    expect(summary.length).toBeLessThanOrEqual(50);
    expect(summary.endsWith('word…')).toBe(true);
  });

  it('splits Cyrillic sentences', () => {
    expect(splitSentences('Переговоры начались. Делегации встретились в Майами!', 'ru')).toEqual([
      'Переговоры начались.',
      'Делегации встретились в Майами!',
    ]);
  });
});

describe('stripBoilerplate', () => {
  it.each([
    ['Talks resume in Geneva. The post Talks resume appeared first on Example News.', 'Talks resume in Geneva.'],
    ['Les discussions continuent. Lire la suite', 'Les discussions continuent.'],
    ['Talks resume […]', 'Talks resume'],
  ])('strips feed boilerplate from %s', (input, expected) => {
    expect(stripBoilerplate(input)).toBe(expected);
  });
});
