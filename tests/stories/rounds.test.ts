import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createClassifier, type ClassifyInput } from '../../src/pipeline/classifier.js';
import { assignStory, DEFAULT_STORY_WINDOW_MS, isSameRound } from '../../src/stories/assign-story.js';
import type { StoryRecord } from '../../src/stories/story-record.js';
import { PROJECT_ROOT } from '../cli/run-cli.js';
import { featuresOf } from './story-fixtures.js';

const HOUR = 3_600_000;

/** One week, three rounds in three cities two days apart, each told in four languages; some reports name the last round's venue. */
const week: Array<ClassifyInput & { round: string }> = [
  { round: 'florida', id: 'fl-en', language: 'en', published: '2026-01-25T14:00:00Z', title: 'Umerov arrives in Florida for talks with Witkoff and Kushner', summary: 'The Ukrainian delegation will discuss the US peace plan in Hallandale Beach on Sunday.' },
  { round: 'florida', id: 'fl-uk', language: 'uk', published: '2026-01-25T21:00:00Z', title: 'Умєров провів переговори з Віткоффом і Кушнером у Флориді', summary: 'Сторони обговорили мирний план і гарантії безпеки.' },
  { round: 'florida', id: 'fl-de', language: 'de', published: '2026-01-26T06:00:00Z', title: 'Umerow, Witkoff und Kushner: Gespräche über Friedensplan', summary: 'Das Treffen in Florida dauerte vier Stunden.' },
  { round: 'florida', id: 'fl-fr', language: 'fr', published: '2026-01-26T09:00:00Z', title: "Plan de paix pour l'Ukraine : Oumerov, Witkoff et Kushner saluent des « progrès »", summary: 'Les négociateurs ont discuté dimanche en Floride.' },
  { round: 'moscow', id: 'mo-en', language: 'en', published: '2026-01-27T12:00:00Z', title: 'Witkoff and Kushner head to Moscow for talks with Putin', summary: 'The envoys will present the plan revised with Umerov in Florida.' },
  { round: 'moscow', id: 'mo-ru', language: 'ru', published: '2026-01-27T23:30:00Z', title: 'Путин принял Уиткоффа и Кушнера', summary: 'Переговоры в Кремле продлились четыре часа, сообщил Ушаков.' },
  { round: 'moscow', id: 'mo-es', language: 'es', published: '2026-01-28T08:00:00Z', title: 'Putin recibe a Witkoff y Kushner en Moscú', summary: 'El Kremlin califica de útil la reunión sobre el plan de paz para Ucrania.' },
  { round: 'moscow', id: 'mo-pl', language: 'pl', published: '2026-01-28T10:00:00Z', title: 'Witkoff i Kushner u Putina: rozmowa o planie pokojowym', summary: 'Spotkanie na Kremlu trwało cztery godziny.' },
  { round: 'miami', id: 'mi-en', language: 'en', published: '2026-01-29T15:00:00Z', title: 'Umerov to meet Witkoff and Kushner in Miami after Moscow talks', summary: 'Ukraine will be briefed on the meeting with Putin.' },
  { round: 'miami', id: 'mi-uk', language: 'uk', published: '2026-01-29T22:00:00Z', title: 'Умєров провів переговори з Віткоффом і Кушнером у Маямі', summary: 'Сторони обговорили результати зустрічі в Москві та мирний план.' },
  { round: 'miami', id: 'mi-it', language: 'it', published: '2026-01-30T07:00:00Z', title: 'Umerov, Witkoff e Kushner: nuovi colloqui sul piano di pace', summary: 'L’incontro a Miami dopo quello di Mosca con Putin.' },
  { round: 'miami', id: 'mi-ja', language: 'ja', published: '2026-01-30T09:00:00Z', title: 'ウメロフ氏、ウィトコフ特使とマイアミで協議', summary: 'ウクライナの和平案について話し合いました。' },
];

describe('every round its own alert', () => {
  it('gives a week of three rounds in three cities, in four languages each, three stories with all their updates', async () => {
    const config = await loadConfig(path.join(PROJECT_ROOT, 'config/default.yaml'));
    const classifier = await createClassifier(config);
    const storyOf = new Map<string, string | null>();
    try {
      for (const item of week) storyOf.set(item.id, (await classifier.classify(item, Date.parse(item.published!))).story);
    } finally {
      await classifier.close();
    }
    const byRound = new Map<string, Set<string | null>>();
    for (const item of week) byRound.set(item.round, (byRound.get(item.round) ?? new Set()).add(storyOf.get(item.id)!));
    // Each round is one story (every report in it), and no two rounds share one.
    expect([...byRound.values()].map((ids) => ids.size)).toEqual([1, 1, 1]);
    const stories = [...byRound.values()].map((ids) => [...ids][0]);
    expect(stories).not.toContain(null);
    expect(new Set(stories).size).toBe(3);
  });
});

const story = (firstTime: string, lastTime: string) =>
  ({ features: { firstTime: Date.parse(firstTime), lastTime: Date.parse(lastTime) } }) as StoryRecord;

describe('isSameRound', () => {
  const rules = { lifetimeMs: 72 * HOUR, roundGapMs: 24 * HOUR };

  it('takes reports hours apart, and refuses one more than a day after the last', () => {
    expect(isSameRound(Date.parse('2026-01-24T20:00:00Z'), story('2026-01-23T10:00:00Z', '2026-01-24T08:00:00Z'), rules)).toBe(true);
    expect(isSameRound(Date.parse('2026-01-25T09:00:00Z'), story('2026-01-23T10:00:00Z', '2026-01-24T08:00:00Z'), rules)).toBe(false);
  });

  it('stops a story growing after its lifetime, however busy', () => {
    expect(isSameRound(Date.parse('2026-01-26T09:00:00Z'), story('2026-01-23T10:00:00Z', '2026-01-26T08:00:00Z'), rules)).toBe(true);
    expect(isSameRound(Date.parse('2026-01-26T11:00:00Z'), story('2026-01-23T10:00:00Z', '2026-01-26T10:30:00Z'), rules)).toBe(false);
    expect(isSameRound(Date.parse('2026-01-26T11:00:00Z'), story('2026-01-23T10:00:00Z', '2026-01-26T10:30:00Z'), { ...rules, lifetimeMs: 96 * HOUR })).toBe(true);
  });
});

describe('a meeting at another venue', () => {
  it('opens a new story even when the actors and the words are the same', () => {
    const miami = featuresOf({ id: 'm', language: 'en', publishedAt: '2026-01-20T10:00:00Z', title: 'Witkoff and Dmitriev meet in Miami for talks on a ceasefire' });
    const berlin = featuresOf({ id: 'b', language: 'en', publishedAt: '2026-01-20T16:00:00Z', title: 'Witkoff and Dmitriev meet in Berlin for talks on a ceasefire' });
    const first = assignStory(miami, [], { windowMs: DEFAULT_STORY_WINDOW_MS });
    const second = assignStory(berlin, [first.story], { windowMs: DEFAULT_STORY_WINDOW_MS });
    expect(second.isNew).toBe(true);
  });
});

describe('an item without a date', () => {
  it('is placed by the time it was first seen', async () => {
    const config = await loadConfig(path.join(PROJECT_ROOT, 'config/default.yaml'));
    const classifier = await createClassifier(config);
    try {
      const seen = Date.parse('2026-01-23T17:00:00Z');
      const dated = await classifier.classify({ ...week[9]!, published: new Date(seen).toISOString() }, seen);
      // Seen an hour after the dated report of the same meeting: it joins it.
      const undated = await classifier.classify({ ...week[10]!, id: 'undated', published: null }, seen + HOUR);
      expect(undated.story).toBe(dated.story);
      // Seen three days later, it is a report of another round.
      const late = await classifier.classify({ ...week[10]!, id: 'undated-late', published: null }, seen + 72 * HOUR);
      expect(late.story).not.toBe(dated.story);
    } finally {
      await classifier.close();
    }
  });
});
