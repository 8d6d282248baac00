import type { MatchedTerm } from '../../src/domain/match.js';
import type { Topic } from '../../src/domain/topic.js';
import { createTopicMatcher } from '../../src/relevance/topic-matcher.js';
import { entityWeightsFromTopics, storyFeatures, type StoryArticle, type StoryFeatures } from '../../src/stories/story-features.js';
import { createTestTopic } from '../builders/topic.js';

/** The test pack plus the envoys and venues the story tests need. */
export function createStoryTopic(): Topic {
  const base = createTestTopic();
  return createTestTopic({
    actors: [
      ...base.actors.map((a) => (a.id === 'dmitriev' ? { ...a, aliases: [...a.aliases, 'Дмитрієв*'] } : a)),
      { id: 'kushner', name: 'Jared Kushner', side: 'us', role: 'envoy', aliases: ['Kushner', 'Кушнер', 'Кушнером', 'Кушнера'] },
      { id: 'trump', name: 'Donald Trump', side: 'us', role: 'leader', aliases: ['Trump', 'Трамп'] },
    ],
    places: [
      { id: 'miami', name: 'Miami', aliases: ['Miami', 'Майами', 'Маямі'] },
      { id: 'moscow', name: 'Moscow', aliases: ['Moscow', 'Moscou', 'Москв*'] },
      { id: 'berlin', name: 'Berlin', aliases: ['Berlin', 'Берлин*', 'Берлін*'] },
      { id: 'kyiv', name: 'Kyiv', aliases: ['Kyiv', 'Kiev'] },
    ],
  });
}

const topic = createStoryTopic();
const matcher = createTopicMatcher([topic]);
const weights = entityWeightsFromTopics([topic]);

export function evidenceFor(title: string, summary = ''): MatchedTerm[] {
  return matcher.match({ title, summary }).topics[0]?.terms ?? [];
}

/** Features of an article as the pipeline would make them: the matcher's evidence, the pack's weights. */
export function featuresOf(a: Partial<StoryArticle> & { id: string; title: string; publishedAt: string }): StoryFeatures {
  const article: StoryArticle = {
    summary: '',
    source: 'Example News',
    url: `https://news.example/${a.id}`,
    ...a,
  };
  return storyFeatures(article, evidenceFor(article.title, article.summary), weights);
}
