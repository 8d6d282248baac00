import { describe, expect, it } from 'vitest';
import { buildDigest, PERIOD_MS } from '../../src/digest/build-digest.js';
import { fixturePeriod, PERIOD_END } from './digest-fixture.js';

const weekly = () => buildDigest(fixturePeriod(), { cadence: 'weekly', from: PERIOD_END - PERIOD_MS.weekly, to: PERIOD_END, timeZone: 'Europe/Kyiv' });

describe('buildDigest', () => {
  it("ranks the period's stories by outlets, then languages, each with its latest development and root", () => {
    const digest = weekly();
    expect(digest.stories.map((s) => [s.storyId, s.outlets, s.languages, s.reports])).toEqual([
      ['s-miami', 6, ['de', 'en', 'fr', 'ru', 'uk'], 6],
      ['s-energy', 3, ['en', 'fr', 'ru'], 3],
      ['s-pows', 3, ['en', 'ru', 'uk'], 3],
    ]);
    expect(digest.stories[0]).toMatchObject({
      headline: 'Witkoff and Dmitriev meet in Miami',
      rootRef: { platform: 'slack', channelId: 'C0NEWS' },
      latest: { title: 'Miami talks: draft framework agreed', source: 'The Guardian' },
    });
  });

  it("names each story's latest kind of event when relevance judged it, and none otherwise", () => {
    const delivered = fixturePeriod().map((d) =>
      d.alert.article.title === 'Miami talks: draft framework agreed' ? { ...d, alert: { ...d.alert, event: { kind: 'outcome' as const, urgency: 'flash' as const, reason: 'agreed' } } } : d,
    );
    const digest = buildDigest(delivered, { cadence: 'weekly', from: PERIOD_END - PERIOD_MS.weekly, to: PERIOD_END, timeZone: 'UTC' });
    expect(digest.stories.map((s) => s.kind)).toEqual(['outcome', undefined, undefined]);
  });

  it('keeps the stories beyond the cap as a count', () => {
    const digest = buildDigest(fixturePeriod(), { cadence: 'weekly', from: PERIOD_END - PERIOD_MS.weekly, to: PERIOD_END, timeZone: 'UTC', maxStories: 1 });
    expect(digest.stories).toHaveLength(1);
    expect(digest.moreStories).toBe(2);
  });

  it('counts reports per day and language in the digest time zone, the period only', () => {
    const digest = weekly();
    expect(digest.perDay.reduce((n, d) => n + d.reports, 0)).toBe(12);
    // 2025-12-13 23:00 UTC is already the 14th in Kyiv.
    expect(digest.perDay.filter((d) => d.day === '2025-12-14')).toEqual([{ day: '2025-12-14', language: 'ru', reports: 1 }]);
    expect(new Set(digest.perDay.map((d) => d.language))).toEqual(new Set(['de', 'en', 'fr', 'ru', 'uk']));
  });

  it('is empty for a quiet day', () => {
    const digest = buildDigest(fixturePeriod(), { cadence: 'daily', from: PERIOD_END + 1, to: PERIOD_END + PERIOD_MS.daily, timeZone: 'UTC' });
    expect(digest).toMatchObject({ stories: [], moreStories: 0, perDay: [], days: ['2025-12-14', '2025-12-15'] });
  });
});
