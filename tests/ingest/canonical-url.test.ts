import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, hostnameOfCanonical } from '../../src/ingest/canonical-url.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['lower-cases scheme and host', 'HTTPS://News.Example.COM/World/Story', 'https://news.example.com/World/Story'],
    ['drops the default https port', 'https://example.com:443/a', 'https://example.com/a'],
    ['drops the default http port', 'http://example.com:80/a', 'http://example.com/a'],
    ['keeps a non-default port', 'http://example.com:8080/a', 'http://example.com:8080/a'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['removes every utm_ parameter', 'https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://example.com/a'],
    ['removes tracking ids and keeps the rest in order', 'https://example.com/a?b=2&fbclid=X&a=1&gclid=Y', 'https://example.com/a?b=2&a=1'],
    ['removes mailchimp, yandex and hubspot ids', 'https://e.com/p?mc_cid=1&mc_eid=2&yclid=3&_hsenc=4&_hsmi=5&id=7', 'https://e.com/p?id=7'],
    ['removes AT Internet at_ parameters', 'https://www.bbc.co.uk/news/1?at_medium=RSS&at_campaign=KARANGA', 'https://www.bbc.co.uk/news/1'],
    ['removes share parameters', 'https://e.com/p?ocid=x&sr_share=tw&igshid=a&ref_src=twsrc&cmpid=z&dclid=d&msclkid=m', 'https://e.com/p'],
    ['matches tracking names case-insensitively', 'https://e.com/p?UTM_Source=a&CMP=share&x=1', 'https://e.com/p?x=1'],
    ['removes a trailing question mark', 'https://example.com/a?', 'https://example.com/a'],
    ['keeps the original encoding of kept params', 'https://e.com/s?q=peace%20talks&flag', 'https://e.com/s?q=peace%20talks&flag'],
    ['drops empty pairs', 'https://e.com/s?&&a=1&', 'https://e.com/s?a=1'],
    ['drops a trailing dot on the host', 'https://example.com./a', 'https://example.com/a'],
    ['trims surrounding whitespace', '  https://example.com/a \n', 'https://example.com/a'],
    ['punycodes an IDN host', 'https://пример.рф/новости', 'https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8'],
    ['drops an empty query', 'http://a.com/?', 'http://a.com/'],
    ['drops an empty fragment', 'https://a.com/p?q=1#', 'https://a.com/p?q=1'],
    ['drops empty query pairs', 'http://a.com/?a=1&&b=2', 'http://a.com/?a=1&b=2'],
    ['decodes a parameter name before judging it', 'http://a.com/?%75tm_source=1&A%20b=1', 'http://a.com/?A%20b=1'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([
    ['a path', '/world/story?utm_source=x', 'https://news.example.com/feeds/rss', 'https://news.example.com/world/story'],
    ['a relative path', 'story-2', 'https://news.example.com/feeds/rss', 'https://news.example.com/feeds/story-2'],
    ['a protocol-relative URL', '//cdn.example.com/x', 'https://news.example.com/', 'https://cdn.example.com/x'],
    ['a fragment, keeping the base query but not an empty one', '#f', 'http://x.org/a/?', 'http://x.org/a/'],
  ])('resolves %s against the base', (_name, input, base, expected) => {
    expect(canonicalizeUrl(input, base)).toBe(expected);
  });

  it.each([
    ['empty input', ''],
    ['whitespace', '   '],
    ['garbage', 'not a url'],
    ['a relative path without base', '/world/story'],
    ['mailto', 'mailto:editor@example.com'],
    ['javascript', 'javascript:alert(1)'],
    ['an unparseable host', 'http://exa mple.com/'],
  ])('returns an empty string for %s', (_name, input) => {
    expect(canonicalizeUrl(input)).toBe('');
  });

  it('is idempotent', () => {
    const once = canonicalizeUrl('HTTP://Example.com:80/a/b?z=1&utm_term=x&y=%2F#frag');
    expect(canonicalizeUrl(once)).toBe(once);
  });
});

describe('hostnameOfCanonical', () => {
  it.each([
    'https://news.example.com/world/story?a=1',
    'http://example.com:8080/a',
    'http://user:pa%40ss@example.com:81/x',
    'http://[::1]:8080/x',
    'http://[2001:db8::1]/',
    'https://xn--e1afmkfd.xn--p1ai/',
    'http://192.168.0.1/?q=a:b@c',
    'https://www.bbc.co.uk/news/1#x',
  ])('reads the host name of %s as the URL parser does', (raw) => {
    const canonical = canonicalizeUrl(raw);
    expect(hostnameOfCanonical(canonical)).toBe(new URL(canonical).hostname);
  });

  it('gives nothing for an empty URL', () => {
    expect(hostnameOfCanonical('')).toBe('');
  });
});

