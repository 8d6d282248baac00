import { describe, expect, it } from 'vitest';
import { discoverWebSub, parseLinkHeader } from '../../src/ingest/websub-discovery.js';

describe('parseLinkHeader', () => {
  it('reads several links with quoted and bare rel values', () => {
    expect(parseLinkHeader('<https://hub.example/>; rel="hub", <https://e.example/feed>; rel=self, <./next>; title="x, y"; rel="next"')).toEqual([
      { href: 'https://hub.example/', rels: ['hub'] },
      { href: 'https://e.example/feed', rels: ['self'] },
      { href: './next', rels: ['next'] },
    ]);
  });

  it('reads a rel list and ignores anything that is not a link', () => {
    expect(parseLinkHeader('garbage, <https://h.example/>; rel="Hub alternate"')).toEqual([{ href: 'https://h.example/', rels: ['hub', 'alternate'] }]);
    expect(parseLinkHeader(undefined)).toEqual([]);
  });
});

describe('discoverWebSub', () => {
  const fetched = 'https://e.example/feed.xml';
  it('prefers the Link header hubs to the document’s', () => {
    const header = parseLinkHeader('<https://hub-a.example/>; rel="hub", <https://e.example/topic>; rel="self"');
    const doc = [{ href: 'https://hub-b.example/', rels: ['hub'] }];
    expect(discoverWebSub(header, doc, fetched)).toEqual({ hubs: ['https://hub-a.example/'], topic: 'https://e.example/topic' });
  });

  it('falls back to atom:link rel=hub in the document, relative URLs resolved, the fetched URL as topic', () => {
    expect(discoverWebSub([], [{ href: '/hub', rels: ['hub'] }, { href: 'javascript:x', rels: ['hub'] }], fetched)).toEqual({
      hubs: ['https://e.example/hub'],
      topic: fetched,
    });
  });

  it('finds nothing when no hub is named', () => {
    expect(discoverWebSub([{ href: fetched, rels: ['self'] }], [], fetched)).toBeUndefined();
  });
});
