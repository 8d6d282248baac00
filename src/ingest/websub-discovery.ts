/**
 * WebSub discovery (W3C WebSub §4): a publisher names its hub(s) and the topic URL in HTTP `Link`
 * headers or, failing those, in the feed's own `<atom:link rel="hub">` / `rel="self"` elements.
 * Pure: header text and parsed links in, absolute URLs out.
 */

export interface WebSubLinks {
  /** Hub URLs, in the publisher's order, absolute, http(s) only. */
  hubs: string[];
  /** The topic URL to subscribe to (rel=self), absolute; the fetched URL when none is named. */
  topic: string;
}

export interface LinkValue {
  href: string;
  rels: string[];
}

const MAX_LINKS = 32;

/** RFC 8288 Link header values: `<url>; rel="hub self", <url2>; rel=next`. Bounded to 32 links. */
export function parseLinkHeader(header: string | undefined): LinkValue[] {
  if (header === undefined) return [];
  const links: LinkValue[] = [];
  const re = /<([^>]*)>((?:\s*;\s*[A-Za-z*][\w*-]*\s*(?:=\s*(?:"[^"]*"|[^",;]*))?)*)/g;
  for (let m = re.exec(header); m !== null && links.length < MAX_LINKS; m = re.exec(header)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^",;\s]*))/i.exec(m[2] ?? '');
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter((r) => r !== '');
    links.push({ href: (m[1] ?? '').trim(), rels });
  }
  return links;
}

const absoluteHttp = (href: string, base: string): string | undefined => {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The hubs and topic of a feed, or undefined when it names no hub. Link headers win over the
 * document (the spec's order); a topic without a hub is of no use.
 */
export function discoverWebSub(headerLinks: LinkValue[], documentLinks: LinkValue[], fetchedUrl: string): WebSubLinks | undefined {
  const source = headerLinks.some((l) => l.rels.includes('hub')) ? headerLinks : documentLinks;
  const hubs = [
    ...new Set(source.filter((l) => l.rels.includes('hub')).map((l) => absoluteHttp(l.href, fetchedUrl)).filter((h): h is string => h !== undefined)),
  ];
  if (hubs.length === 0) return undefined;
  const self = [...headerLinks, ...documentLinks].find((l) => l.rels.includes('self'));
  const topic = (self === undefined ? undefined : absoluteHttp(self.href, fetchedUrl)) ?? fetchedUrl;
  return { hubs, topic };
}
