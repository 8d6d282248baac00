import type { Alert } from '../../src/domain/alert.js';
import type { Article } from '../../src/domain/article.js';

export function createArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: 'test:1',
    feedId: 'test-feed',
    url: 'https://news.example/2025/12/13/talks',
    title: 'Witkoff and Dmitriev meet in Miami',
    summary: 'US and Russian envoys met in Miami on Saturday to discuss a ceasefire in Ukraine.',
    publishedAt: '2025-12-13T09:00:00.000Z',
    publishedAtIsFirstSeen: false,
    source: 'Example News',
    language: 'en',
    ...overrides,
  };
}

export function createAlert(overrides: Partial<Alert> = {}): Alert {
  const article = overrides.article ?? createArticle();
  return {
    id: article.id,
    article,
    topics: ['ukraine-peace-talks'],
    keywords: [],
    terms: [{ term: 'Witkoff', group: 'actor', field: 'title', text: 'Witkoff' }],
    score: 0.8,
    summary: article.summary,
    gist: '',
    language: article.language,
    storyId: article.id,
    kind: 'new',
    reportedBy: [{ articleId: article.id, source: article.source, url: article.url, language: article.language }],
    createdAt: Date.parse('2025-12-13T09:05:00Z'),
    ...overrides,
  };
}
