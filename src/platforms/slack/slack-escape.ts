/**
 * The one escaper for Slack mrkdwn. Slack reads `<…>` as links and mentions, so an
 * unescaped headline could ping `<!channel>` or forge a link; bidi and control characters
 * could make it display other than it reads. Every string from an article or a user that
 * Slack will render goes through escapeMrkdwn, and every link through link().
 */
import { stripControls } from '../../text/strip-controls.js';
import { isLinkableUrl } from '../../text/url-checks.js';

/** Controls stripped; `&`, `<`, `>` as Slack requires; a zero-width space keeps a bare @everyone/@here/@channel inert. */
export const escapeMrkdwn = (s: string): string =>
  stripControls(s)
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/@(everyone|here|channel)/giu, '@\u200b$1');

/**
 * A URL safe inside `<url|label>`: http(s) of a sane length only (a 10,000-character URL
 * would be cut inside the markup), with the characters that would end the link encoded.
 */
export function linkUrl(url: string): string | undefined {
  if (!isLinkableUrl(url)) return undefined;
  return url.replace(/&/gu, '&amp;').replace(/</gu, '%3C').replace(/>/gu, '%3E').replace(/\|/gu, '%7C');
}

/** `<url|label>`, or the escaped label alone when the URL cannot be linked safely. */
export const link = (url: string, label: string): string => {
  const href = linkUrl(url);
  return href ? `<${href}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label);
};

// User group, user, or a deliberate @here/@channel set by whoever configured the subscription.
const MENTION = /^<(?:!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+|!here|!channel)>$/u;
export const safeMention = (mention: string | undefined): string | undefined =>
  mention !== undefined && MENTION.test(mention.trim()) ? mention.trim() : undefined;
