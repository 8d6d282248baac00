/**
 * Which URLs we will link to. A feed can put anything in <link>: javascript:, a
 * 10,000-character URL that would be cut inside link markup, whitespace that ends a link
 * early. Only http(s) URLs of a sane length become links; anything else is shown as text
 * or dropped.
 */

/** Longer URLs are not linked (browsers and chat platforms cope with ~2k; Discord refuses embeds beyond). */
export const MAX_LINK_URL_LENGTH = 2_048;

/** An absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//iu.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * An http(s) URL we may put inside link markup: no whitespace, control or format characters
 * (a U+202E would reverse the text after it), and at most MAX_LINK_URL_LENGTH long.
 */
export const isLinkableUrl = (value: string): boolean =>
  value.length <= MAX_LINK_URL_LENGTH && !/[\s\p{Cc}\p{Cf}]/u.test(value) && isHttpUrl(value);

/**
 * A Discord webhook URL: `…/api[/vN]/webhooks/{id}/{token}`. Any host, so a proxy or a test's
 * loopback fake can stand in for discord.com; groups: REST base, id, token.
 */
export const DISCORD_WEBHOOK_URL = /^(https?:\/\/[^/]+(?:\/[^/]+)*?\/api)(?:\/v\d+)?\/webhooks\/(\d+)\/([\w-]+)\/?$/u;
export const DISCORD_WEBHOOK_EXPECTED = 'expected a Discord webhook URL like https://discord.com/api/webhooks/{id}/{token}';

/** A Slack incoming webhook (`/services/T…/B…/…`) or workflow trigger URL, on any host for the same reason. */
export const SLACK_WEBHOOK_URL = /^https?:\/\/[^/]+\/(?:services|triggers|workflows)(?:\/[\w-]+){3,4}\/?$/u;
export const SLACK_WEBHOOK_EXPECTED = 'expected a Slack webhook URL like https://hooks.slack.com/services/T…/B…/…';
