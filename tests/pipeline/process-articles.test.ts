// One feed's articles never hold the event loop: other work (a slash command) runs between articles.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createStoryPlacer } from '../../src/pipeline/place-in-story.js';
import { processArticles } from '../../src/pipeline/process-articles.js';
import type { Matcher } from '../../src/relevance/matcher.js';
import { createArticle } from '../builders/article.js';
import { storeFixture } from '../builders/stores.js';
import { createTestTopic } from '../builders/topic.js';

describe('processArticles and the event loop', () => {
  it('lets queued I/O callbacks run between articles', async () => {
    const fixture = storeFixture();
    const stores = await fixture.open();
    const topic = createTestTopic();
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    // Records how many macrotasks ran before each article was matched.
    const seenAt: number[] = [];
    const matcher: Matcher = { match: () => (seenAt.push(ticks), { relevant: false, score: 0, topics: [], keywords: [] }) };
    setImmediate(tick);
    await processArticles(
      [1, 2, 3, 4].map((i) => createArticle({ id: `y${i}`, url: `https://news.example/${i}`, publishedAt: `2025-12-13T0${i}:00:00.000Z` })),
      {
        stores,
        assess: { matcher, topics: [topic], summaryMaxChars: 300 },
        stories: createStoryPlacer({ stories: stores.stories, topics: [topic] }),
        subscriptions: [],
        now: Date.parse('2025-12-13T10:00:00Z'),
        claimed: new Set(),
        log: silentLogger(),
      },
    );
    running = false;
    await fixture.cleanup();
    expect(seenAt).toHaveLength(4);
    for (let i = 1; i < seenAt.length; i++) expect(seenAt[i]!).toBeGreaterThan(seenAt[i - 1]!);
  });
});
