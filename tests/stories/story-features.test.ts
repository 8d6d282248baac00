import { describe, expect, it } from 'vitest';
import { entityWeightsFromTopics, storyFeatures, titleShingles } from '../../src/stories/story-features.js';
import { createStoryTopic, featuresOf } from './story-fixtures.js';

describe('storyFeatures', () => {
  it('collects actors, places and subjects from the evidence, and where the headline names a venue', () => {
    const f = featuresOf({
      id: 'a1',
      title: 'Dmitriev meets Witkoff in Miami',
      summary: 'Putin envoy discusses the ceasefire with Kushner; Kyiv awaits results.',
      publishedAt: '2025-12-20T23:10:00Z',
      language: 'en',
    });
    expect(f.actors).toEqual(['dmitriev', 'kushner', 'putin', 'witkoff']);
    expect(f.places).toEqual(['kyiv', 'miami']);
    expect(f.headlinePlaces).toEqual(['miami']);
    expect(f.subjects).toEqual(['ceasefire']);
    expect(f.time).toBe(Date.parse('2025-12-20T23:10:00Z'));
    expect(f.language).toBe('en');
  });

  it('weighs venues and envoys over leaders and subjects, and the headline over the lede', () => {
    const f = featuresOf({ id: 'a2', title: 'Witkoff in Miami', summary: 'Putin wants a ceasefire. Witkoff said little.', publishedAt: '2025-12-20T00:00:00Z' });
    expect(f.entities.get('place:miami')).toBe(3);
    expect(f.entities.get('actor:witkoff')).toBe(3);
    expect(f.entities.get('actor:putin')).toBeCloseTo(0.7);
    expect(f.entities.get('subject:ceasefire')).toBeCloseTo(0.7);
  });

  it.each([
    ['a party capital that is also a context term (Kyiv)', 'place', 'kyiv', 1.5],
    ['a venue', 'place', 'miami', 3],
    ['an envoy', 'actor', 'witkoff', 3],
    ['a negotiator', 'actor', 'umerov', 3],
    ['a leader', 'actor', 'putin', 1],
    ['a subject', 'subject', 'ceasefire', 1],
  ] as const)('weighs %s at %d', (_label, group, id, weight) => {
    expect(entityWeightsFromTopics([createStoryTopic()])(group, id)).toBe(weight);
  });

  it('folds, stems and drops short words and numbers in headline shingles', () => {
    expect(titleShingles('Переговоры в Стамбуле')).toEqual(titleShingles('переговорах  СТАМБУЛЕ'));
    expect(titleShingles('Live: EU & 28 more')).toEqual(titleShingles('live more'));
    expect(titleShingles('')).toEqual([]);
  });

  it('keys the URL by host and path, and gives no key to a home page', () => {
    const page = storyFeatures(
      { id: 'x', title: 't', summary: '', publishedAt: '2025-01-01T00:00:00Z', source: 's', url: 'https://www.news.example/a/b/' },
      [],
    );
    expect(page.urlKey).toBe('news.example/a/b');
    const home = storyFeatures({ id: 'y', title: 't', summary: '', publishedAt: 'nonsense', source: 's', url: 'https://news.example/' }, []);
    expect(home.urlKey).toBe('');
    expect(home.time).toBe(0);
  });
});
