import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, linkUrl, safeMention } from '../../../src/platforms/slack/slack-escape.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;', '&amp;lt;'],
    ['@everyone and @Here', '@\u200beveryone and @\u200bHere'],
    ['mail me@channel.org', 'mail me@\u200bchannel.org'],
    ['plain', 'plain'],
  ])('%j → %j', (input, output) => {
    expect(escapeMrkdwn(input)).toBe(output);
  });
});

describe('linkUrl and safeMention', () => {
  it.each([
    ['https://a.example/x?a=1&b=2', 'https://a.example/x?a=1&amp;b=2'],
    ['https://a.example/<x>|y', 'https://a.example/%3Cx%3E%7Cy'],
    ['javascript:alert(1)', undefined],
    ['', undefined],
  ])('link %j → %j', (url, out) => {
    expect(linkUrl(url)).toBe(out);
  });

  it.each([
    ['<!subteam^S0PEACE>', '<!subteam^S0PEACE>'],
    ['<@U0ADMIN>', '<@U0ADMIN>'],
    ['<!here>', '<!here>'],
    ['<!channel> hi', undefined],
    ['@everyone', undefined],
    ['<https://evil.example|x>', undefined],
    [undefined, undefined],
  ])('mention %j → %j', (mention, out) => {
    expect(safeMention(mention)).toBe(out);
  });
});
