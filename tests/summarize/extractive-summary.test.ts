import { describe, expect, it } from 'vitest';
import { summarizeArticle } from '../../src/summarize/extractive-summary.js';
import { loadRealPack, loadSeedArticle, seedEvidence, term } from './seed-article.js';

const seed = loadSeedArticle();
const handEvidence = [
  term('actor', 'Witkoff', 'witkoff'),
  term('actor', 'Kushner', 'kushner'),
  term('actor', 'Dmitriev', 'dmitriev'),
  term('actor', 'Umerov', 'umerov'),
  term('place', 'Miami', 'miami', 'summary'),
  term('subject', 'cessez-le-feu', 'ceasefire'),
];
const articleText = `${seed.summary} ${seed.body}`;

/** Every sentence of the summary is a sentence of the article, verbatim. */
function expectExtracted(summary: string): void {
  for (const sentence of summary.split(/(?<=[.!?])\s+/u)) expect(articleText).toContain(sentence);
}

describe('summarizeArticle on the seed article', () => {
  it('gives French sentences from the article within 400 chars, lede first', () => {
    const summary = summarizeArticle(seed, handEvidence, { maxChars: 400, language: 'fr' });
    expect(summary.startsWith('Ce week-end, une rencontre')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(400);
    expect(summary.length).toBeGreaterThan(300);
    expectExtracted(summary);
    // The second sentence is the one naming the most actors not already in the lede.
    expect(summary).toContain('Witkoff et Kushner');
  });

  it.each([200, 400, 1000])('respects a budget of %i characters', (maxChars) => {
    const summary = summarizeArticle(seed, handEvidence, { maxChars, language: 'fr' });
    expect(summary.length).toBeLessThanOrEqual(maxChars);
    expect(summary.startsWith('Ce week-end, une rencontre')).toBe(true);
  });

  it('cuts the lede on a word boundary only when it alone exceeds the budget', () => {
    const summary = summarizeArticle(seed, handEvidence, { maxChars: 200, language: 'fr' });
    expect(summary.endsWith('…')).toBe(true);
    expect(seed.summary.startsWith(summary.slice(0, -1))).toBe(true);
    expect(summarizeArticle(seed, handEvidence, { maxChars: 1000, language: 'fr' })).not.toContain('…');
  });

  it('keeps chosen sentences in reading order and fills a larger budget with more of them', () => {
    const short = summarizeArticle(seed, handEvidence, { maxChars: 400, language: 'fr' });
    const long = summarizeArticle(seed, handEvidence, { maxChars: 1000, language: 'fr' });
    const positions = long.split(/(?<=\.)\s+/u).map((s) => articleText.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(long.length).toBeGreaterThan(short.length + 300);
    expect(long).toContain('Dmitriev');
  });

  it('prefers sentences naming actors over ones naming only places, with the real matcher evidence', () => {
    const summary = summarizeArticle(seed, seedEvidence(loadRealPack()), { maxChars: 400, language: 'fr' });
    expect(summary.startsWith('Ce week-end, une rencontre')).toBe(true);
    expect(summary).toContain('entretiens séparés avec Witkoff et Kushner.');
    expect(summary).not.toContain('entre Washington et Moscou à Miami');
    expectExtracted(summary);
  });

  it('is deterministic', () => {
    const once = summarizeArticle(seed, handEvidence, { maxChars: 400, language: 'fr' });
    expect(summarizeArticle(seed, [...handEvidence], { maxChars: 400, language: 'fr' })).toBe(once);
  });
});

describe('summarizeArticle', () => {
  it.each([
    ['an empty article', { title: '', summary: '' }],
    ['only boilerplate', { title: 'T', summary: 'Read more', body: 'Advertisement' }],
    ['a lede that only repeats the title', { title: 'Talks resume in Geneva', summary: 'Talks resume in Geneva.' }],
  ])('returns nothing for %s', (_name, input) => {
    expect(summarizeArticle(input, [], { maxChars: 300 })).toBe('');
  });

  it('summarises a summary-only item', () => {
    const input = {
      title: 'Witkoff to meet Dmitriev',
      summary: 'Steve Witkoff will meet Kirill Dmitriev in Miami on Saturday. The weather is expected to be sunny. Talks focus on a ceasefire.',
    };
    const evidence = [term('actor', 'Witkoff', 'witkoff'), term('actor', 'Dmitriev', 'dmitriev'), term('subject', 'ceasefire', 'ceasefire')];
    expect(summarizeArticle(input, evidence, { maxChars: 100 })).toBe(
      'Steve Witkoff will meet Kirill Dmitriev in Miami on Saturday. Talks focus on a ceasefire.',
    );
  });

  it('drops a lede sentence that repeats the title and a body that repeats the lede', () => {
    const input = {
      title: 'Переговоры в Майами начались',
      summary: 'Переговоры в Майами начались. Делегацию России возглавил Кирилл Дмитриев.',
      body: 'Делегацию России возглавил Кирилл Дмитриев. Уиткофф и Кушнер представляют США. Погода в Майами хорошая.',
    };
    const evidence = [term('actor', 'Дмитриев', 'dmitriev'), term('actor', 'Уиткофф', 'witkoff'), term('actor', 'Кушнер', 'kushner')];
    expect(summarizeArticle(input, evidence, { maxChars: 100, language: 'ru' })).toBe(
      'Делегацию России возглавил Кирилл Дмитриев. Уиткофф и Кушнер представляют США.',
    );
  });

  it('matches evidence case- and accent-insensitively', () => {
    const input = { title: 'x', summary: 'A quiet day in the capital. ZELENSKYY met Umerov in Kyïv. Markets closed higher.' };
    const evidence = [term('actor', 'Zelenskyy', 'zelensky'), term('actor', 'Umerov', 'umerov'), term('place', 'Kyiv', 'kyiv')];
    expect(summarizeArticle(input, evidence, { maxChars: 40 })).toBe('ZELENSKYY met Umerov in Kyïv.');
  });

  it('strips boilerplate before choosing sentences', () => {
    const input = {
      title: 'Talks',
      summary: 'Umerov arrived in Miami (Photo: Reuters). Read more: Umerov in Miami',
      body: 'Advertisement Witkoff joined later. © AFP Subscribe to our newsletter for Umerov news.',
    };
    const evidence = [term('actor', 'Umerov', 'umerov'), term('actor', 'Witkoff', 'witkoff')];
    expect(summarizeArticle(input, evidence, { maxChars: 500 })).toBe('Umerov arrived in Miami. Witkoff joined later.');
  });

  it('tolerates a language tag Intl does not know', () => {
    expect(summarizeArticle({ title: '', summary: 'One. Two.' }, [], { maxChars: 50, language: 'en_US' })).toBe('One. Two.');
  });
});

describe('summarizeArticle: near-duplicates', () => {
  it('keeps one of two sentences that differ only by an added detail', () => {
    const lede = 'Ukraine’s chief negotiator Rustem Umerov finished a third day of talks with US envoys in Miami.';
    const body = 'Ukraine’s chief negotiator Rustem Umerov finished a third day of talks with US envoys in Miami on Dec. 6. Kyiv called them constructive.';
    const summary = summarizeArticle({ title: 'Talks end', summary: lede, body }, [], { maxChars: 400 });
    expect(summary.match(/chief negotiator/g)).toHaveLength(1);
    expect(summary).toContain('constructive');
  });
});
