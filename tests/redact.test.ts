import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrls, redactValues } from '../src/redact.js';

describe('redactUrl', () => {
  it.each([
    ['redis://:hunter22@redis:6379', 'redis://[redacted]@redis:6379'],
    ['REDIS://user:hunter22@redis:6379/0', 'REDIS://[redacted]@redis:6379/0'],
    ['Postgres://app:hunter22@db/peace', 'Postgres://[redacted]@db/peace'],
    ['https://discord.com/api/v10/webhooks/123/tok-en_x', 'https://discord.com/api/v10/webhooks/123/[redacted]'],
    ['https://discord.com/api/v10/interactions/999/aW50ZXJhY3Rpb24/callback', 'https://discord.com/api/v10/interactions/999/[redacted]/callback'],
    ['https://hooks.slack.com/services/T1/B2/abcdef', 'https://hooks.slack.com/services/[redacted]'],
    ['https://feed.example/rss?token=abc123&lang=en', 'https://feed.example/rss?token=[redacted]&lang=en'],
    ['sqlite://data/peacewatch.sqlite', 'sqlite://data/peacewatch.sqlite'],
    ['https://news.example/a?x=1', 'https://news.example/a?x=1'],
  ])('%s → %s', (url, out) => {
    expect(redactUrl(url)).toBe(out);
  });

  it('redacts every URL inside a longer message', () => {
    const text = 'cannot connect to REDIS://u:pw1234@a:1 (tried redis://:pw5678@b:2): refused';
    const out = redactUrls(text);
    expect(out).not.toMatch(/pw1234|pw5678/u);
    expect(out).toContain('refused');
  });
});

describe('redactValues', () => {
  it('replaces known values, longest first, and leaves short ones', () => {
    expect(redactValues('xoxb-1234567 and xoxb-123 and abc', ['xoxb-123', 'xoxb-1234567', 'abc', undefined])).toBe(
      '[redacted] and [redacted] and abc',
    );
  });
});
