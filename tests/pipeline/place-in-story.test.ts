import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/pipeline/assess-article.js';
import { createStoryPlacer, sourceTypesByName } from '../../src/pipeline/place-in-story.js';
import type { StoryRecord } from '../../src/stories/story-record.js';
import type { StoryStore } from '../../src/store/story-store.js';
import { createArticle } from '../builders/article.js';
import { feedAt } from '../builders/config.js';
import { createTestTopic } from '../builders/topic.js';

/** The StoryStore interface over a Map: what the placer needs, nothing persisted. */
const memoryStories = (): StoryStore => {
  const byId = new Map<string, StoryRecord>();
  return {
    recent: async () => [...byId.values()],
    get: async (id) => byId.get(id),
    save: async (story) => void byId.set(story.id, story),
  };
};

const assessment = (language: string): Assessment => ({
  match: { topics: [], keywords: [] } as unknown as Assessment['match'],
  relevant: true,
  score: 0.9,
  language,
  topics: ['ukraine-peace-talks'],
  actors: ['Steve Witkoff', 'Kirill Dmitriev'],
  places: ['Miami'],
  evidence: [
    { term: 'Witkoff', group: 'actor', field: 'title', text: 'Witkoff', entityId: 'witkoff', name: 'Steve Witkoff' },
    { term: 'Dmitriev', group: 'actor', field: 'title', text: 'Dmitriev', entityId: 'dmitriev', name: 'Kirill Dmitriev' },
    { term: 'Miami', group: 'place', field: 'title', text: 'Miami', entityId: 'miami', name: 'Miami' },
  ],
  summary: '',
  gist: '',
});

describe('createStoryPlacer', () => {
  it("lists each report of a story with its feed's source type, and a feed without a label without one", async () => {
    const feeds = [
      { ...feedAt('tass', 'https://tass.example/rss', 'ru'), name: 'TASS', label: { type: 'state-affiliated' as const, country: 'ru', reason: 'state agency' } },
      { ...feedAt('plain', 'https://plain.example/rss'), name: 'Plain' },
    ];
    const placer = createStoryPlacer({ stories: memoryStories(), topics: [createTestTopic()], sourceTypes: sourceTypesByName(feeds) });
    const now = Date.parse('2025-12-13T12:00:00Z');
    await placer.place(createArticle({ id: 'a', source: 'TASS', url: 'https://tass.example/a', title: 'Witkoff and Dmitriev meet in Miami' }), assessment('ru'), now);
    const second = await placer.place(
      createArticle({ id: 'b', source: 'Plain', url: 'https://plain.example/b', title: 'Witkoff, Dmitriev meet in Miami for talks' }),
      assessment('en'),
      now,
    );
    expect(second.isNew).toBe(false);
    expect(second.reportedBy).toEqual([
      { articleId: 'a', source: 'TASS', url: 'https://tass.example/a', language: 'ru', sourceType: 'state-affiliated' },
      { articleId: 'b', source: 'Plain', url: 'https://plain.example/b', language: 'en' },
    ]);
  });
});
