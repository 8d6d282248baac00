import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyValueStore, type KeyValueStore } from '../../src/store/key-value-store.js';
import { createStoryStore, MAX_INDEXED_STORIES } from '../../src/store/story-store.js';
import { addToStory, createStory, type StoryRecord } from '../../src/stories/story-record.js';
import { storyFeatures } from '../../src/stories/story-features.js';

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

const dirs: string[] = [];
const opened: KeyValueStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((kv) => kv.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(kind: 'memory' | 'sqlite', file?: string): Promise<{ kv: KeyValueStore; url: string }> {
  let url = 'memory://';
  if (kind === 'sqlite') {
    const dir = file ? path.dirname(file) : mkdtempSync(path.join(tmpdir(), 'pw-stories-'));
    if (!file) dirs.push(dir);
    url = `sqlite://${file ?? path.join(dir, 'state.sqlite')}`;
  }
  const kv = await openKeyValueStore(url);
  opened.push(kv);
  return { kv, url };
}

describe.each(['memory', 'sqlite'] as const)('story store on %s', (kind) => {
  it('saves and gets a story, and replaces it on the next save', async () => {
    const { kv } = await open(kind);
    const stories = createStoryStore(kv, 7 * DAY);
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
    const { kv } = await open(kind);
    const stories = createStoryStore(kv, 30 * DAY);
    for (const [id, ago] of [['week', 7 * DAY], ['yesterday', DAY], ['hour', HOUR]] as const) await stories.save(storyAt(id, NOW - ago));
    expect((await stories.recent(NOW, 2 * DAY)).map((s) => s.firstArticleId)).toEqual(['yesterday', 'hour']);
    expect((await stories.recent(NOW, 8 * DAY)).map((s) => s.firstArticleId)).toEqual(['week', 'yesterday', 'hour']);
  });

  it('keeps every concurrent save in the index', async () => {
    const { kv } = await open(kind);
    const stories = createStoryStore(kv, 30 * DAY);
    await Promise.all(Array.from({ length: 20 }, (_, i) => stories.save(storyAt(`c${i}`, NOW - i * 60_000))));
    expect(await stories.recent(NOW, DAY)).toHaveLength(20);
  });

  it('drops stories older than the TTL from the index as newer ones are saved', async () => {
    const { kv } = await open(kind);
    const stories = createStoryStore(kv, 3 * DAY);
    await stories.save(storyAt('old', NOW - 10 * DAY));
    await stories.save(storyAt('new', NOW));
    expect((await stories.recent(NOW, 30 * DAY)).map((s) => s.firstArticleId)).toEqual(['new']);
  });
});

describe('story store', () => {
  it('keeps stories and the index across a restart (SQLite)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-stories-'));
    dirs.push(dir);
    const file = path.join(dir, 'state.sqlite');
    const first = await open('sqlite', file);
    await createStoryStore(first.kv, 7 * DAY).save(storyAt('kept', NOW));
    await first.kv.close();
    opened.splice(opened.indexOf(first.kv), 1);
    const second = await open('sqlite', file);
    expect((await createStoryStore(second.kv, 7 * DAY).recent(NOW, DAY)).map((s) => s.firstArticleId)).toEqual(['kept']);
  });

  it('bounds the index, forgetting the least recently active stories', async () => {
    expect(MAX_INDEXED_STORIES).toBe(2_000);
    const { kv } = await open('memory');
    const stories = createStoryStore(kv, 30 * DAY, { maxIndexed: 10 });
    for (let i = 0; i <= 10; i++) await stories.save(storyAt(`n${i}`, NOW - DAY + i * 1_000));
    const recent = await stories.recent(NOW, 2 * DAY);
    expect(recent).toHaveLength(10);
    expect(recent[0]?.firstArticleId).toBe('n1');
  });

  it('reads the index once and writes it through, so a restart finds what was saved', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-stories-'));
    dirs.push(dir);
    const file = path.join(dir, 'state.sqlite');
    const first = await open('sqlite', file);
    let indexReads = 0;
    const counting: KeyValueStore = { ...first.kv, get: (key) => (key === 'stories:recent' && indexReads++, first.kv.get(key)) };
    const stories = createStoryStore(counting, 7 * DAY);
    for (let i = 0; i < 5; i++) await stories.save(storyAt(`w${i}`, NOW - i * HOUR));
    expect((await stories.recent(NOW, DAY)).map((s) => s.firstArticleId)).toEqual(['w4', 'w3', 'w2', 'w1', 'w0']);
    expect(indexReads).toBe(1);
    await first.kv.close();
    opened.splice(opened.indexOf(first.kv), 1);
    const second = await open('sqlite', file);
    expect((await createStoryStore(second.kv, 7 * DAY).recent(NOW, DAY))).toHaveLength(5);
  });
});
