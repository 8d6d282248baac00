import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/domain/channel.js';
import type { OutboxEntry } from '../../src/store/outbox-store.js';
import { openStores, type Stores } from '../../src/store/stores.js';
import { createStory } from '../../src/stories/story-record.js';
import { storyFeatures } from '../../src/stories/story-features.js';
import { createAlert, createArticle } from '../builders/article.js';

const DAY = 86_400_000;
// Expiry in a 0.1 store is wall-clock time (keyv's), so the rows are written around now.
const T = Date.now();
const slack = { platform: 'slack', id: 'C1' };
const dirs: string[] = [];
const opened: Stores[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store file exactly as 0.1 wrote it: @keyv/sqlite's table, keys `peacewatch:…`, values `{"value":…,"expires":…}`. */
function write01Store(file: string, rows: Record<string, { value: unknown; expires?: number }>): void {
  const db = new Database(file);
  db.exec('CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
  const insert = db.prepare('INSERT INTO keyv (key, value) VALUES (?, ?)');
  for (const [key, row] of Object.entries(rows)) {
    insert.run(`peacewatch:${key}`, JSON.stringify({ value: row.value, expires: row.expires ?? null }));
  }
  db.close();
}

const urlKey = (url: string) => `seen-url:${createHash('sha256').update(url).digest('base64url').slice(0, 32)}`;
const entry = (i: number, status: OutboxEntry['status'], extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: `a${i}|slack:C1`,
  alert: createAlert({ article: createArticle({ id: `a${i}`, url: `https://news.example/${i}` }), storyId: 's-1' }),
  channel: slack,
  kind: 'new',
  status,
  attempts: 0,
  enqueuedAt: T - 60_000 + i,
  nextAttemptAt: T - 60_000 + i,
  ...extra,
});

async function open(file: string): Promise<Stores> {
  const stores = await openStores(`sqlite://${file}`, { dedupTtlMs: 30 * DAY });
  opened.push(stores);
  return stores;
}

describe('a 0.1 store', () => {
  it('is imported on the first start: subscriptions, seen records and pending deliveries survive', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pw-01-'));
    dirs.push(dir);
    const file = path.join(dir, 'peacewatch.sqlite');
    const subs: Subscription[] = [
      { channel: slack, target: { kind: 'topic', topicId: 'ukraine-peace-talks' }, createdAt: T - DAY, createdBy: 'U1' },
      { channel: { platform: 'discord', id: '42' }, target: { kind: 'keyword', phrase: 'Geneva' }, minScore: 0.5, createdAt: T - DAY },
    ];
    const seed = { channel: { platform: 'console', id: 'stdout' }, target: { kind: 'topic', topicId: 'ukraine-peace-talks' } as const, createdAt: T };
    const story = createStory(
      storyFeatures({ id: 'a0', title: 'Talks in Geneva', summary: '', publishedAt: new Date(T - DAY).toISOString(), source: 'S', url: 'https://news.example/0' }, []),
    );
    const root = entry(0, 'sent', { sentAt: T - 50_000, postedAs: 'post', attempts: 1, ref: { platform: 'slack', channelId: 'C1', messageId: '1.1' } });
    write01Store(file, {
      subscriptions: { value: subs },
      // The seed was removed by a user in 0.1: it must not come back.
      'subscriptions:seeded': { value: ['console:stdout|topic:ukraine-peace-talks'] },
      'seen:g1': { value: T - 1_000, expires: T + DAY },
      [urlKey('https://news.example/g1')]: { value: T - 1_000, expires: T + DAY },
      'seen:old': { value: T - 40 * DAY, expires: T - 1_000 },
      'outbox:pending': { value: ['a1|slack:C1', 'a2|slack:C1'] },
      'outbox:a0|slack:C1': { value: root, expires: T + DAY },
      'outbox:a1|slack:C1': { value: entry(1, 'pending', { attempts: 2, lastError: 'HTTP 503' }), expires: T + DAY },
      'outbox:a2|slack:C1': { value: entry(2, 'pending'), expires: T + DAY },
      // Written, but its index write was lost to a crash (0.1's two-write hole): still delivered.
      'outbox:a3|slack:C1': { value: entry(3, 'pending'), expires: T + DAY },
      'outbox:recent:slack:C1': { value: ['a0|slack:C1'], expires: T + DAY },
      'outbox:story:s-1|slack:C1': { value: 'a0|slack:C1', expires: T + DAY },
      'feed:wire': { value: { health: 'ok', consecutiveFailures: 0, initialized: true, etag: '"v7"' } },
      [`story:${story.id}`]: { value: story, expires: T + DAY },
    });

    const stores = await open(file);
    expect(stores.db.imported).toEqual({ subscriptions: 2, seen: 2, outbox: 4, pending: 3, feeds: 1, stories: 1 });
    expect(await stores.subscriptions.list()).toEqual(subs);
    expect(await stores.subscriptions.seed([seed])).toBe(0);
    expect(await stores.seen.hasSeen({ id: 'g1', url: '' })).toBe(true);
    expect(await stores.seen.hasSeen({ id: 'other', url: 'https://news.example/g1' })).toBe(true);
    expect(await stores.seen.hasSeen({ id: 'old', url: '' })).toBe(false);
    const due = await stores.outbox.due(T);
    expect(due.map((e) => e.id)).toEqual(['a1|slack:C1', 'a2|slack:C1', 'a3|slack:C1']);
    expect(due[0]).toMatchObject({ attempts: 2, lastError: 'HTTP 503' });
    expect(await stores.outbox.enqueue(root.alert, [slack], T)).toEqual([]);
    expect((await stores.outbox.findStoryRoot('s-1', slack))?.ref?.messageId).toBe('1.1');
    expect((await stores.outbox.recentForChannel(slack, 5)).map((e) => e.id)).toEqual(['a0|slack:C1']);
    expect((await stores.feedState.get('wire')).etag).toBe('"v7"');
    expect(await stores.stories.get(story.id)).toEqual(story);

    // Once only: what changes after the import is not undone by the next start.
    await stores.subscriptions.remove(slack, subs[0]!.target);
    await stores.db.close();
    const again = await open(file);
    expect(again.db.imported).toBeUndefined();
    expect(await again.subscriptions.list()).toEqual([subs[1]]);
  });
});
