import { describe, expect, it } from 'vitest';
import { isHttpUrl, isLinkableUrl, MAX_LINK_URL_LENGTH } from '../../src/text/url-checks.js';

describe('isLinkableUrl', () => {
  it.each([
    ['https://news.example/a', true],
    ['HTTP://news.example/a', true],
    ['javascript:alert(1)', false],
    ['https://news.example/a b', false],
    ['https://news.example/a\u0000', false],
    ['https://news.example/\u202egnp.exe', false],
    [`https://news.example/${'a'.repeat(MAX_LINK_URL_LENGTH)}`, false],
    ['https://', false],
  ])('%j → %s', (url, ok) => {
    expect(isLinkableUrl(url)).toBe(ok);
  });
  it('isHttpUrl accepts long URLs that are not linked', () => {
    expect(isHttpUrl(`https://news.example/${'a'.repeat(10_000)}`)).toBe(true);
  });
});
