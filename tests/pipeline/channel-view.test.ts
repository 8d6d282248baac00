// A keyword one channel follows is private: other channels' alerts never show it, on any platform.
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/domain/channel.js';
import { silentLogger } from '../../src/logger.js';
import { createStoryPlacer } from '../../src/pipeline/place-in-story.js';
import { processArticles } from '../../src/pipeline/process-articles.js';
import { deliveriesFor } from '../../src/pipeline/channel-view.js';
import { formatAlertForConsole } from '../../src/platforms/console/console-format.js';
import { formatAlertEmbed } from '../../src/platforms/discord/discord-format.js';
import { formatAlert } from '../../src/platforms/slack/slack-format.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';
import { createAlert, createArticle } from '../builders/article.js';
import { storeFixture } from '../builders/stores.js';
import { createTestTopic } from '../builders/topic.js';

const NOW = Date.parse('2025-12-13T10:00:00Z');
const PRIVATE = 'zaporizhzhia reactor';
const topic = createTestTopic();

const sub = (platform: string, id: string, target: Subscription['target']): Subscription => ({ channel: { platform, id }, target, createdAt: NOW });
const subscriptions: Subscription[] = [
  sub('slack', 'CA', { kind: 'topic', topicId: topic.id }),
  sub('slack', 'CA', { kind: 'keyword', phrase: PRIVATE }),
  sub('slack', 'CB', { kind: 'topic', topicId: topic.id }),
  sub('discord', 'D1', { kind: 'topic', topicId: topic.id }),
  sub('console', 'stdout', { kind: 'topic', topicId: topic.id }),
  sub('discord', 'D2', { kind: 'keyword', phrase: PRIVATE }),
];

/** Everything each platform shows of the evidence ("topics", "why"); the summary is the article's own text, so it is left out. */
const rendered = (alert: Parameters<typeof formatAlert>[0]) => {
  const evidence = { ...alert, summary: '', gist: '' };
  return [JSON.stringify(formatAlert(evidence)), JSON.stringify(formatAlertEmbed(evidence)), formatAlertForConsole(evidence, { color: false })].join('\n').toLowerCase();
};

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

describe('what each channel sees of an alert', () => {
  it('enqueues for each channel only the evidence of its own subscriptions', async () => {
    const stores = await fixture.open();
    const article = createArticle({ title: 'Witkoff and Dmitriev meet in Miami', summary: 'Ukraine ceasefire talks.', body: 'The envoys also discussed the Zaporizhzhia reactor.' });
    const { writes } = await processArticles([article], {
      stores,
      assess: { matcher: createTopicMatcher([topic], { keywords: [PRIVATE] }), topics: [topic], summaryMaxChars: 400 },
      stories: createStoryPlacer({ stories: stores.stories, topics: [topic] }),
      subscriptions,
      now: NOW,
      claimed: new Set(),
      log: silentLogger(),
    });
    const entries = writes.alerts.flatMap(({ alert, channels }) => channels.map((channel) => ({ alert, channel })));
    const of = (platform: string, id: string) => entries.find((e) => e.channel.platform === platform && e.channel.id === id)!.alert;
    expect(entries.map((e) => `${e.channel.platform}:${e.channel.id}`).sort()).toEqual(['console:stdout', 'discord:D1', 'discord:D2', 'slack:CA', 'slack:CB']);
    expect(rendered(of('slack', 'CA'))).toContain(PRIVATE);
    for (const [platform, id] of [['slack', 'CB'], ['discord', 'D1'], ['console', 'stdout']] as const) {
      const alert = of(platform, id);
      expect(alert.keywords).toEqual([]);
      expect(rendered(alert)).not.toContain(PRIVATE);
      expect(alert.topics).toEqual([topic.id]);
    }
    // A keyword-only channel sees its keyword, not the pack it does not follow.
    const d2 = of('discord', 'D2');
    expect(d2.topics).toEqual([]);
    expect(d2.keywords).toEqual([PRIVATE]);
    expect(d2.terms).toEqual([]);
  });

  it('gives channels with the same view one shared copy', () => {
    const alert = createAlert({ keywords: [PRIVATE] });
    const deliveries = deliveriesFor(alert, [{ topicId: topic.id, relevant: true, score: 0.8, terms: alert.terms }], subscriptions);
    expect(deliveries.map((d) => d.channels.map((c) => c.id))).toEqual([['CA'], ['CB', 'D1', 'stdout'], ['D2']]);
  });

  it('leaves out paused subscriptions and those whose minimum score is not reached', () => {
    const alert = createAlert({ keywords: [PRIVATE], score: 0.5 });
    const subs = [
      { ...sub('slack', 'CA', { kind: 'keyword', phrase: PRIVATE }), paused: true },
      { ...sub('slack', 'CB', { kind: 'topic', topicId: topic.id }), minScore: 0.7 },
    ];
    expect(deliveriesFor(alert, [], subs)).toEqual([]);
  });
});
