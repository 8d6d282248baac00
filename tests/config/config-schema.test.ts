import { describe, expect, it } from 'vitest';
import { configFileSchema, isChannelRef, slugify, termSchema, topicPackSchema } from '../../src/config/config-schema.js';
import { isHttpUrl } from '../../src/text/url-checks.js';

describe('slugify (default feed ids)', () => {
  it.each([
    ['The Kyiv Independent', 'the-kyiv-independent'],
    ['Le Monde — International', 'le-monde-international'],
    ['Rzeczpospolita: Świat', 'rzeczpospolita-swiat'],
    ['DER SPIEGEL   Ausland!', 'der-spiegel-ausland'],
    ['BBC Русская служба', 'bbc'],
    ['Медуза', ''],
  ])('%s → "%s"', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('topic terms', () => {
  it.each([
    ['a word', 'Witkoff', true],
    ['a phrase', 'security guarantees', true],
    ['a stem', 'Уиткофф*', true],
    ['a phrase ending in a stem', 'гарантии безопасност*', true],
    ['exactly 100 characters', 'x'.repeat(100), true],
    ['an empty string', '', false],
    ['blanks only', '   ', false],
    ['a star alone', '*', false],
    ['a star in the middle', 'Уит*кофф', false],
    ['a leading star', '*koff', false],
    ['two trailing stars', 'Witkoff**', false],
    ['101 characters', 'x'.repeat(101), false],
  ])('%s is %s', (_label, term, valid) => {
    expect(termSchema.safeParse(term).success).toBe(valid);
  });
});

describe('channel references', () => {
  it.each([
    ['console:stdout', true],
    ['slack:C0123ABC', true],
    ['discord:1122334455', true],
    ['slack:#general', false],
    ['slack:c0123abc', false],
    ['discord:general', false],
    ['teams:abc', false],
    ['stdout', false],
    ['console:', false],
  ])('%s → %s', (ref, valid) => {
    expect(isChannelRef(ref)).toBe(valid);
  });
});

describe('feed URLs', () => {
  it.each([
    ['https://kyivindependent.com/rss/', true],
    ['http://example.org/feed', true],
    ['ftp://example.org/feed', false],
    ['file:///etc/passwd', false],
    ['kyivindependent.com/rss', false],
    ['https://', false],
  ])('%s → %s', (url, valid) => {
    expect(isHttpUrl(url)).toBe(valid);
  });
});

describe('topic pack schema', () => {
  it('defaults optional lists to empty and rejects duplicate actor ids', () => {
    expect(topicPackSchema.parse({ id: 'x', name: 'X' })).toEqual({
      id: 'x',
      name: 'X',
      description: '',
      actors: [],
      places: [],
      subjects: [],
      context: {},
      counter: {},
    });
    const actor = { id: 'a', name: 'A', side: 'us', role: 'envoy', aliases: ['A'] };
    const result = topicPackSchema.safeParse({ id: 'x', name: 'X', actors: [actor, actor] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['actors', 1, 'id'], message: 'expected a unique actor id, "a" is also used by [0]' });
  });
});

describe('config file schema', () => {
  it('keeps explicit feed ids and does not leak internal fields', () => {
    const parsed = configFileSchema.parse({ feeds: [{ id: 'wire', name: 'Wire', url: 'https://w.example/rss', intervalMinutes: 30 }] });
    expect(parsed.feeds).toEqual([{ id: 'wire', name: 'Wire', url: 'https://w.example/rss', intervalMinutes: 30 }]);
    expect(parsed.topics).toEqual({ dir: 'topics' });
    expect(parsed.subscriptions).toEqual([]);
  });

  it('reads digests with their local time and zone, 08:00 UTC by default', () => {
    const feeds = [{ name: 'W', url: 'https://w.example' }];
    const parsed = configFileSchema.parse({
      feeds,
      digests: [{ channel: 'slack:C0DESK', cadence: 'daily', at: '07:30', tz: 'Europe/Kyiv' }, { channel: 'discord:1122334455', cadence: 'weekly' }],
    });
    expect(parsed.digests).toEqual([
      { channel: 'slack:C0DESK', cadence: 'daily', at: '07:30', timeZone: 'Europe/Kyiv' },
      { channel: 'discord:1122334455', cadence: 'weekly', at: '08:00', timeZone: 'UTC' },
    ]);
    expect(configFileSchema.parse({ feeds }).digests).toEqual([]);
  });

  it.each([
    [{ channel: 'slack:C0DESK', cadence: 'hourly' }, 'cadence', 'expected daily or weekly'],
    [{ channel: 'slack:C0DESK', cadence: 'daily', at: '24:00' }, 'at', 'expected a 24-hour time "HH:MM" (e.g. "08:00")'],
    [{ channel: 'slack:C0DESK', cadence: 'daily', tz: 'Europe/Kiev-ish' }, 'tz', 'expected an IANA time zone (e.g. "Europe/Kyiv", "UTC")'],
  ])('rejects the digest %j at its key', (digest, key, message) => {
    const result = configFileSchema.safeParse({ feeds: [{ name: 'W', url: 'https://w.example' }], digests: [digest] });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[`digests.0.${key}`, message]]);
  });

  it('rejects the same channel subscribed twice to one topic', () => {
    const sub = { channel: 'console:stdout', topic: 't' };
    const result = configFileSchema.safeParse({ feeds: [{ name: 'W', url: 'https://w.example' }], subscriptions: [sub, sub] });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['subscriptions', 1]]);
  });
});
