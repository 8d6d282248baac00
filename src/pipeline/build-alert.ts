import type { Alert } from '../domain/alert.js';
import type { Article } from '../domain/article.js';
import type { MatchResult } from '../domain/match.js';
import { summarizeLead } from '../summarize/summarize-text.js';

/** Pure: the alert for one relevant article. */
export function buildAlert(article: Article, match: MatchResult, opts: { maxChars: number; now: number }): Alert {
  const relevant = match.topics.filter((t) => t.relevant);
  // The full body served matching; the alert (stored in the outbox) carries only what is shown.
  const { body: _body, ...shown } = article;
  return {
    id: article.id,
    article: shown,
    topics: relevant.map((t) => t.topicId),
    keywords: match.keywords,
    terms: relevant.flatMap((t) => t.terms),
    score: match.score,
    summary: summarizeLead(article.summary || article.title, { maxChars: opts.maxChars, language: article.language }),
    gist: '',
    language: article.language,
    // One story per article until story clustering (stories/) assigns shared ids.
    storyId: article.id,
    kind: 'new',
    reportedBy: [{ articleId: article.id, source: article.source, url: article.url, language: article.language }],
    createdAt: opts.now,
  };
}
