import { STATUS_CODES } from 'node:http';
import type { Article } from '../domain/article.js';
import type { FeedPollOutcome } from './feed-outcome.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line for the `fetch` CLI command, e.g. "200 OK · charset windows-1251 (content-type) · 14 articles · 38 KB". */
export function describeOutcome(outcome: FeedPollOutcome): string {
  switch (outcome.kind) {
    case 'ok': {
      const parts = [
        `${outcome.status} ${STATUS_CODES[outcome.status] ?? ''}`.trim(),
        `charset ${outcome.charset} (${outcome.charsetSource})`,
        plural(outcome.articles.length, 'article'),
        formatBytes(outcome.bytes),
      ];
      return parts.join(' · ');
    }
    case 'not-modified':
      return outcome.reason === 'same-body'
        ? `${outcome.status} ${STATUS_CODES[outcome.status] ?? ''} · same body as the last poll, not parsed`
        : '304 Not Modified · unchanged since the last poll';
    case 'failed':
      return `failed (${outcome.error.kind}) · ${outcome.error.message}`;
  }
}

/**
 * One JSON line per article for the `fetch` CLI command; keys are fixed, a missing language is null,
 * body is null when the feed gives no text beyond the summary.
 */
export function articleToJsonLine(a: Article): string {
  return JSON.stringify({
    id: a.id,
    url: a.url,
    title: a.title,
    summary: a.summary,
    body: a.body ?? null,
    published: a.publishedAt,
    language: a.language ?? null,
  });
}
