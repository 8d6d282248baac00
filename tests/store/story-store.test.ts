import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStoryStore, MAX_INDEXED_STORIES, type StoryStore } from '../../src/store/story-store.js';
import { addToStory, createStory, type StoryRecord } from '../../src/stories/story-record.js';
import { storyFeatures } from '../../src/stories/story-features.js';
import { storeFixture } from '../builders/stores.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2025-12-15T12:00:00Z');

function storyAt(id: string, time: number): StoryRecord {
  return createStory(
    storyFeatures({ id, title: `Talks ${id}`, summary: '', publishedAt: new Date(time).toISOString(), source: 'S', url: `https://s.example/${id}` }, [
      { term: 'Berlin', group: 'place', field: 'title', text: 'Berlin', entityId: 'berlin', name: 'Berlin' },
    ]),
  );
}

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

type Kind = 'memory' | 'sqlite' | 'postgres';
/** A story store of each kind: in memory (classify), and on each engine. */
async function storiesOn(kind: Kind, ttlMs: number, opts: { maxIndexed?: number } = {}): Promise<StoryStore> {
  if (kind === 'memory') return createMemoryStoryStore(ttlMs, opts);
  return (await fixture.open(kind, { dedupTtlMs: ttlMs, maxRecentStories: opts.maxIndexed })).stories;
}

describe.each(['memory', 'sqlite', 'postgres'] as const)('story store on %s', (kind) => {
  it('saves and gets a story, and replaces it on the next save', async () => {
    const stories = await storiesOn(kind, 7 * DAY);
    const story = storyAt('a', NOW - HOUR);
    await stories.save(story);
    expect(await stories.get(story.id)).toEqual(story);
    const later = storyFeatures(
      { id: 'b', title: 'More talks', summary: '', publishedAt: new Date(NOW).toISOString(), source: 'T', url: 'https://t.example/b' },
      [],
    );
    const grown = addToStory(story, later);
    await stories.save(grown);
    expect((await stories.get(story.id))?.members.map((m) => m.articleId)).toEqual(['a', 'b']);
    expect(await stories.recent(NOW, 2 * DAY)).toHaveLength(1);
    expect(await stories.get('s-missing')).toBeUndefined();
  });

  it('returns only stories active within the window, oldest first', async () => {
    const stories = await storiesOn(kind, 30 * DAY);
    for (const [id, ago] of [['week', 7 * DAY], ['yesterday', DAY], ['hour', HOUR]] as const) await stories.save(storyAt(id, NOW - ago));
    expect((await stories.recent(NOW, 2 * DAY)).map((s) => s.firstArticleId)).toEqual(['yesterday', 'hour']);
    expect((await stories.recent(NOW, 8 * DAY)).map((s) => s.firstArticleId)).toEqual(['week', 'yesterday', 'hour']);
  });

  it('keeps every concurrent save in the index', async () => {
    const stories = await storiesOn(kind, 30 * DAY);
    await Promise.all(Array.from({ length: 20 }, (_, i) => stories.save(storyAt(`c${i}`, NOW - i * 60_000))));
    expect(await stories.recent(NOW, DAY)).toHaveLength(20);
  });

  it('drops stories older than the TTL from the index as newer ones are saved', async () => {
    const stories = await storiesOn(kind, 3 * DAY);
    await stories.save(storyAt('old', NOW - 10 * DAY));
    await stories.save(storyAt('new', NOW));
    expect((await stories.recent(NOW, 30 * DAY)).map((s) => s.firstArticleId)).toEqual(['new']);
  });
});

describe.each(['sqlite', 'postgres'] as const)('story store on %s', (kind) => {
  it('keeps stories across a restart, and the newest copy of a story', async () => {
    const first = await fixture.open(kind);
    const story = storyAt('kept', NOW);
    const grown = addToStory(
      story,
      storyFeatures({ id: 'b', title: 'More talks', summary: '', publishedAt: new Date(NOW).toISOString(), source: 'T', url: 'https://t.example/b' }, []),
    );
    await first.stories.save(grown);
    // An older copy (another feed's writer that lost the race) does not move the story back.
    await first.stories.save(story);
    await first.db.close();
    const second = await fixture.reopen(first.url);
    const recent = await second.stories.recent(NOW, DAY);
    expect(recent.map((s) => s.members.length)).toEqual([2]);
  });

  it('bounds what recent returns, forgetting the least recently active stories', async () => {
    expect(MAX_INDEXED_STORIES).toBe(2_000);
    const stories = await storiesOn(kind, 30 * DAY, { maxIndexed: 10 });
    for (let i = 0; i <= 10; i++) await stories.save(storyAt(`n${i}`, NOW - DAY + i * 1_000));
    const recent = await stories.recent(NOW, 2 * DAY);
    expect(recent).toHaveLength(10);
    expect(recent[0]?.firstArticleId).toBe('n1');
  });
});
