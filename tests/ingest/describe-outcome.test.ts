import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/domain/article.js';
import { articleToJsonLine, describeOutcome, formatBytes } from '../../src/ingest/describe-outcome.js';
import type { FeedPollOutcome } from '../../src/ingest/feed-outcome.js';

const article = (over: Partial<Article> = {}): Article => ({
  id: 'u:0123456789abcdef01234567',
  feedId: 'f',
  url: 'https://e.com/a',
  title: 'Переговоры в Женеве',
  summary: 'Envoys met "again".',
  publishedAt: '2025-12-02T08:15:00.000Z',
  publishedAtIsFirstSeen: false,
  source: 'E',
  language: 'ru',
  ...over,
});

describe('describeOutcome', () => {
  it.each<[string, FeedPollOutcome, string]>([
    [
      'a success',
      {
        kind: 'ok', status: 200, finalUrl: 'https://e.com/rss', charset: 'windows-1251', charsetSource: 'content-type',
        articles: Array.from({ length: 14 }, (_, i) => article({ id: String(i) })), hints: {}, bytes: 38 * 1024 + 100,
      },
      '200 OK · charset windows-1251 (content-type) · 14 articles · 38 KB',
    ],
    [
      'a single article',
      { kind: 'ok', status: 203, finalUrl: 'x', charset: 'utf-8', charsetSource: 'default', articles: [article()], hints: {}, bytes: 900 },
      '203 Non-Authoritative Information · charset utf-8 (default) · 1 article · 900 B',
    ],
    ['a 304', { kind: 'not-modified', status: 304, reason: 'http-304', finalUrl: 'x', hints: {} }, '304 Not Modified · unchanged since the last poll'],
    ['the same body', { kind: 'not-modified', status: 200, reason: 'same-body', finalUrl: 'x', hints: {} }, '200 OK · same body as the last poll, not parsed'],
    [
      'a failure',
      { kind: 'failed', error: { kind: 'timeout', message: 'fetch: timed out after 10000 ms' } },
      'failed (timeout) · fetch: timed out after 10000 ms',
    ],
  ])('summarizes %s', (_name, outcome, expected) => {
    expect(describeOutcome(outcome)).toBe(expected);
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [5 * 1024 * 1024 + 512 * 1024, '5.5 MB'],
  ])('formats %i bytes as %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });
});

describe('articleToJsonLine', () => {
  it('writes the fixed keys on one line', () => {
    const line = articleToJsonLine(article());
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      id: 'u:0123456789abcdef01234567',
      url: 'https://e.com/a',
      title: 'Переговоры в Женеве',
      summary: 'Envoys met "again".',
      body: null,
      published: '2025-12-02T08:15:00.000Z',
      language: 'ru',
    });
  });

  it('writes a missing language as null', () => {
    const { language: _drop, ...noLanguage } = article();
    expect(JSON.parse(articleToJsonLine(noLanguage))).toMatchObject({ language: null });
  });
});
