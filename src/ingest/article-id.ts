import { createHash } from 'node:crypto';

/**
 * Article ids. They must survive a publisher rewriting pubDate or re-ordering the feed, and stay
 * short whatever the guid looks like, so each is a prefix saying where it came from plus a
 * truncated sha256 (96 bits: collisions are not a practical concern at feed volumes).
 *
 *   u:<hash>  an http(s) guid or the canonical link; the same story in two feeds shares it
 *   g:<hash>  an opaque guid, namespaced by the feed id (two feeds may both use guid "123")
 *   t:<hash>  feed id + normalized title, deliberately without the date
 */

const shortHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 24);

export const isHttpUrl = (s: string): boolean => /^https?:\/\/[^\s/]/i.test(s);

/** Id of a guid that is a URL: not namespaced, so reposts across feeds collapse. */
export const idFromUrl = (url: string): string => `u:${shortHash(url)}`;

export const idFromGuid = (feedId: string, guid: string): string => {
  const g = guid.trim();
  return isHttpUrl(g) ? idFromUrl(g) : `g:${shortHash(`${feedId}\n${g}`)}`;
};

/** Title as compared for identity: case, compatibility forms and spacing do not count. */
export const normalizeTitleForId = (title: string): string =>
  title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export const idFromTitle = (feedId: string, title: string): string =>
  `t:${shortHash(`${feedId}\n${normalizeTitleForId(title)}`)}`;
