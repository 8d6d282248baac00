/**
 * One spelling per article URL, so the same story reached through a newsletter, a share
 * button or a feed gets the same id and is alerted once.
 */

/** Query parameters that only say how the reader arrived, never which page it is. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'yclid', 'ysclid', 'igshid', 'igsh', '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp',
  'hsctatracking', 'ref_src', 'ref_url', 'cmpid', 'cmp', 'ocid', 'sr_share', 'mkt_tok', 'oly_anon_id',
  'oly_enc_id', 'rb_clickid', 's_cid', 's_kwcid', 'vero_id', 'vero_conv', 'wickedid', '_openstat', 'xtor',
  'smid', 'smtyp', 'spm', 'ito', 'icid', '__twitter_impression', 'guccounter', 'guce_referrer',
  'guce_referrer_sig', 'mbid', 'rss_source', 'taid',
]);

/** Whole families: Google Analytics (utm_), AT Internet (at_, used by BBC and others), comScore (ns_). */
const TRACKING_PREFIXES = ['utm_', 'at_', 'ns_'];

function isTrackingParam(rawName: string): boolean {
  let name: string;
  if (!rawName.includes('%') && !rawName.includes('+')) name = rawName.toLowerCase();
  else {
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
    } catch {
      name = rawName.toLowerCase();
    }
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * Absolute http(s) URL with lower-case scheme and host, no default port, no fragment and no
 * tracking parameters; the other parameters keep their order and their original encoding.
 * Returns '' when the input cannot be read as an http(s) URL (empty, garbage, mailto:, javascript:).
 */
export function canonicalizeUrl(raw: string, base?: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  // The URL parser already lower-cases scheme and host and drops the default port.
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  // Each setter re-parses the URL: only what changes is set.
  if (url.hash !== '' || trimmed.includes('#')) url.hash = '';
  // Filter the raw query string rather than re-serializing URLSearchParams, which would
  // rewrite %20 as + and `flag` as `flag=` and so change URLs that were already canonical.
  const search = url.search;
  // An empty query ("…/?") reads as '' too; it can come from the input or, for "#x", the base.
  if (search !== '' || trimmed.includes('?') || (base?.includes('?') ?? false)) {
    const pairs = search.slice(1).split('&');
    const kept = pairs.filter((pair) => pair !== '' && !isTrackingParam(pair.split('=', 1)[0] ?? ''));
    if (kept.length !== pairs.length || search === '') url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  }
  return url.href;
}

/**
 * The host name of a URL canonicalizeUrl returned (`new URL(url).hostname`), read off the
 * string instead of parsing it again: scheme "://" [userinfo "@"] host [":" port] "/"…
 */
export function hostnameOfCanonical(canonical: string): string {
  const start = canonical.indexOf('//');
  if (start < 0) return '';
  const slash = canonical.indexOf('/', start + 2);
  const authority = canonical.slice(start + 2, slash < 0 ? undefined : slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
