import type { Alert } from '../domain/alert.js';
import type { Article } from '../domain/article.js';
import type { Assessment } from './assess-article.js';

export interface StoryPlacement {
  storyId: string;
  isNew: boolean;
  /** The story's first article id (the root alert), for updates. */
  rootArticleId: string;
  reportedBy: Alert['reportedBy'];
}

/** Pure: the alert for one relevant (or keyword-matched) article. */
export function buildAlert(article: Article, assessment: Assessment, story: StoryPlacement, now: number): Alert {
  // The full body served matching; the alert (stored in the outbox) carries only what is shown.
  const { body: _body, ...shown } = article;
  return {
    id: article.id,
    article: shown,
    topics: assessment.topics,
    keywords: assessment.match.keywords,
    terms: assessment.evidence,
    score: assessment.score,
    summary: assessment.summary,
    gist: assessment.gist,
    ...(assessment.event ? { event: assessment.event } : {}),
    language: assessment.language,
    storyId: story.storyId,
    kind: story.isNew ? 'new' : 'update',
    ...(story.isNew ? {} : { rootAlertId: story.rootArticleId }),
    reportedBy: story.reportedBy,
    createdAt: now,
    // The alert is built in the cycle that first saw its article (seen articles are skipped).
    firstSeenAt: now,
  };
}
