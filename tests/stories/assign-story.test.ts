import { describe, expect, it } from 'vitest';
import { assignStory, DEFAULT_STORY_WINDOW_MS, isReissueOf } from '../../src/stories/assign-story.js';
import type { StoryFeatures } from '../../src/stories/story-features.js';
import { MAX_MEMBERS, storyIdFor, type StoryRecord } from '../../src/stories/story-record.js';
import { featuresOf } from './story-fixtures.js';

type Item = Parameters<typeof featuresOf>[0];

/** Runs articles through assignStory in order, as the pipeline does with the story store. */
function cluster(items: Item[] | StoryFeatures[], order?: (stories: StoryRecord[]) => StoryRecord[]) {
  let stories: StoryRecord[] = [];
  const assignments = items.map((item) => {
    const f = 'articleId' in item ? item : featuresOf(item);
    const a = assignStory(f, order ? order(stories) : stories, { windowMs: DEFAULT_STORY_WINDOW_MS });
    stories = [...stories.filter((s) => s.id !== a.storyId), a.story];
    return a;
  });
  return { assignments, ids: assignments.map((a) => a.storyId), stories };
}

const miamiDmitriev: Item[] = [
  { id: 'uk-1', language: 'uk', publishedAt: '2025-12-20T15:20:00Z', source: 'Ukrainska Pravda', title: 'Дмитрієв прилетів до Маямі на зустріч з Віткоффом' },
  { id: 'en-1', language: 'en', publishedAt: '2025-12-20T23:10:00Z', source: 'Reuters', title: 'Putin envoy Dmitriev meets Witkoff and Kushner in Miami' },
  { id: 'fr-1', language: 'fr', publishedAt: '2025-12-21T08:00:00Z', source: 'Le Monde', title: 'À Miami, Kirill Dmitriev rencontre Steve Witkoff et Jared Kushner', summary: 'Les pourparlers sur un cessez-le-feu se poursuivent.' },
  { id: 'ru-1', language: 'ru', publishedAt: '2025-12-21T18:30:00Z', source: 'Meduza', title: 'Дмитриев: переговоры с Уиткоффом и Кушнером в Майами проходят конструктивно' },
];

describe('assignStory', () => {
  it('puts one event reported in Ukrainian, English, French and Russian into one story, first report first', () => {
    const { assignments, stories } = cluster(miamiDmitriev);
    expect(assignments.map((a) => a.isNew)).toEqual([true, false, false, false]);
    expect(new Set(assignments.map((a) => a.storyId))).toEqual(new Set([storyIdFor('uk-1')]));
    const story = stories[0]!;
    expect(story.firstArticleId).toBe('uk-1');
    expect(story.title).toBe(miamiDmitriev[0]!.title);
    expect(story.members.map((m) => `${m.source}/${m.language}`)).toEqual(['Ukrainska Pravda/uk', 'Reuters/en', 'Le Monde/fr', 'Meduza/ru']);
    expect(story.features.firstTime).toBe(Date.parse('2025-12-20T15:20:00Z'));
    expect(story.features.lastTime).toBe(Date.parse('2025-12-21T18:30:00Z'));
  });

  it('keeps Witkoff in Moscow (Dec 2) and Witkoff in Miami two days later apart', () => {
    const { ids } = cluster([
      { id: 'mos-en', language: 'en', publishedAt: '2025-12-02T21:00:00Z', title: 'Putin receives Witkoff and Kushner in Moscow', summary: 'Five hours of talks, no ceasefire.' },
      { id: 'mos-ru', language: 'ru', publishedAt: '2025-12-03T00:05:00Z', title: 'Путин принял Уиткоффа и Кушнера в Москве' },
      { id: 'mos-fr', language: 'fr', publishedAt: '2025-12-03T08:25:00Z', title: 'Poutine reçoit Witkoff et Kushner : « pas encore de compromis »' },
      { id: 'mia-en', language: 'en', publishedAt: '2025-12-04T20:15:00Z', title: 'Witkoff, Kushner brief Ukrainians in Miami on Putin meeting', summary: 'Umerov leads the delegation.' },
      { id: 'mia-uk', language: 'uk', publishedAt: '2025-12-05T22:30:00Z', title: 'Умєров третій день поспіль проводить переговори з Віткоффом і Кушнером у Маямі' },
    ]);
    expect(ids.slice(0, 3)).toEqual([storyIdFor('mos-en'), storyIdFor('mos-en'), storyIdFor('mos-en')]);
    expect(ids.slice(3)).toEqual([storyIdFor('mia-en'), storyIdFor('mia-en')]);
  });

  it('starts a new story for talks at the same venue a week later', () => {
    const round = (id: string, day: string) => ({
      id,
      language: 'en',
      publishedAt: `2025-12-${day}T19:00:00Z`,
      title: 'Umerov and Witkoff hold talks in Berlin',
      summary: 'Negotiations on a ceasefire.',
    });
    const { assignments } = cluster([round('w1', '14'), round('w1b', '15'), round('w2', '21')]);
    expect(assignments.map((a) => [a.storyId, a.isNew])).toEqual([
      [storyIdFor('w1'), true],
      [storyIdFor('w1'), false],
      [storyIdFor('w2'), true],
    ]);
  });

  it('treats a re-issue by the same outlet (same page, new headline and date) as an update', () => {
    const url = 'https://www.news.example/world/berlin-talks-123';
    const { assignments } = cluster([
      { id: 'v1', source: 'News', url, language: 'en', publishedAt: '2025-12-14T19:00:00Z', title: 'Witkoff lands in Berlin for talks' },
      { id: 'v2', source: 'News', url: `${url}/`, language: 'en', publishedAt: '2025-12-19T07:00:00Z', title: 'UPDATED: what we know' },
    ]);
    expect(assignments[1]).toMatchObject({ storyId: storyIdFor('v1'), isNew: false, similarity: 1 });
  });

  it('does not take another outlet on the same URL path for a re-issue', () => {
    const { assignments } = cluster([
      { id: 'p1', source: 'A', url: 'https://a.example/news/1', publishedAt: '2025-12-14T19:00:00Z', title: 'Witkoff lands in Berlin for talks' },
      { id: 'p2', source: 'B', url: 'https://a.example/news/1', publishedAt: '2025-12-14T20:00:00Z', title: 'Trump hails Gaza deal' },
    ]);
    expect(assignments[1]?.isNew).toBe(true);
  });

  it('does not join two live blogs on different events because their generic headlines match', () => {
    const { assignments } = cluster([
      { id: 'l1', language: 'en', publishedAt: '2025-12-14T10:00:00Z', title: 'Live updates', summary: 'Umerov meets Witkoff in Berlin.' },
      { id: 'l2', language: 'en', publishedAt: '2025-12-15T10:00:00Z', title: 'Live updates', summary: 'Putin says a ceasefire is far off.' },
    ]);
    expect(assignments.map((a) => a.isNew)).toEqual([true, true]);
  });

  it('gives the same ids whatever the order of the candidates', () => {
    const forward = cluster(miamiDmitriev).ids;
    const reversed = cluster(miamiDmitriev, (s) => [...s].reverse()).ids;
    expect(reversed).toEqual(forward);
    expect(cluster(miamiDmitriev).ids).toEqual(forward);
  });

  it('caps the members it keeps but counts every article', () => {
    const items = Array.from({ length: MAX_MEMBERS + 5 }, (_, i) => featuresOf({
      id: `m${i}`,
      language: 'en',
      publishedAt: new Date(Date.parse('2025-12-20T00:00:00Z') + i * 60_000).toISOString(),
      title: `Dmitriev meets Witkoff in Miami, report ${i}`,
    }));
    const { stories } = cluster(items);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.members).toHaveLength(MAX_MEMBERS);
    expect(stories[0]!.features.articleCount).toBe(MAX_MEMBERS + 5);
  });

  it('stamps createdAt and updatedAt with now when given', () => {
    const f = featuresOf(miamiDmitriev[0]!);
    const first = assignStory(f, [], { windowMs: DEFAULT_STORY_WINDOW_MS, now: 42 });
    expect(first).toMatchObject({ isNew: true, similarity: 0, story: { createdAt: 42, updatedAt: 42 } });
    const second = assignStory(featuresOf(miamiDmitriev[1]!), [first.story], { windowMs: DEFAULT_STORY_WINDOW_MS, now: 50 });
    expect(second.story).toMatchObject({ createdAt: 42, updatedAt: 50 });
  });
});

describe('what a story carries from one record to the next', () => {
  // Eight reports of one meeting; every comparison and addition along the way carries the
  // story's derived state from record to record.
  const grownStory = () =>
    cluster([...miamiDmitriev, ...miamiDmitriev.map((item) => ({ ...item, id: `${item.id}-again`, source: `${item.source} (wire)`, title: `${item.title}: talks end on ceasefire` }))])
      .stories.find((s) => s.id === storyIdFor('uk-1'))!;
  const next = featuresOf({ id: 'en-2', language: 'en', publishedAt: '2025-12-21T20:00:00Z', source: 'AP', title: 'Meets in Miami: talks end on ceasefire' });
  const reissue = featuresOf({ ...miamiDmitriev[1]!, title: 'Putin envoy Dmitriev meets Witkoff in Miami (updated)' });

  it.each([
    ['a new report', next],
    ['a re-issued page', reissue],
  ])('compares %s with a grown story exactly as with the same story read fresh from the store', (_name, f) => {
    const grown = grownStory();
    expect(grown.features.articleCount).toBe(8);
    // A deep copy is a record never seen before: everything about it is derived afresh.
    const fresh = assignStory(f, [structuredClone(grown)], { windowMs: DEFAULT_STORY_WINDOW_MS });
    const carried = assignStory(f, [grown], { windowMs: DEFAULT_STORY_WINDOW_MS });
    expect(carried.similarity).toBe(fresh.similarity);
    expect(carried.similarity).toBeGreaterThan(0.25);
  });

  it('knows every page of a grown story, and only those', () => {
    const grown = grownStory();
    expect(isReissueOf(reissue, grown)).toBe(true);
    expect(isReissueOf(featuresOf({ ...miamiDmitriev[1]!, id: 'en-1-again', source: 'AP' }), grown)).toBe(false);
  });
});
