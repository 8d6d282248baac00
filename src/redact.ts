/**
 * Secrets out of text that leaves the process (log lines, error messages, replies). Two
 * kinds: values we know (tokens from the environment), and credentials that any URL may
 * carry (user:password@, Discord webhook and interaction tokens, token-like query values).
 */

export const REDACTED = '[redacted]';

// Shorter values are not credentials, and replacing them would mangle every line.
const MIN_SECRET_LENGTH = 6;

/** Replaces every known secret value in text; longest first so a secret containing another is caught whole. */
export function redactValues(text: string, secrets: Iterable<string | undefined>): string {
  return [...secrets]
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

// scheme://user:password@ — any scheme, any case (REDIS://, Postgres://, HTTPS://).
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/giu;
// Discord webhook and interaction-callback URLs carry their token as a path segment.
const DISCORD_TOKEN_PATH = /(\/(?:webhooks|interactions)\/\d+\/)[^\s/?#"'<>]+/giu;
// Slack incoming webhooks: everything after /services/ is the secret.
const SLACK_HOOK_PATH = /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[^\s?#"'<>]+/giu;
// Query values named like credentials.
const SECRET_QUERY = /([?&](?:token|access_token|key|api_key|apikey|password|passwd|secret|signature|sig|auth)=)[^\s&#"'<>]*/giu;

/** Every URL in text with its credentials replaced; the rest of the text unchanged. */
export const redactUrls = (text: string): string =>
  text.replace(USERINFO, `$1${REDACTED}@`).replace(DISCORD_TOKEN_PATH, `$1${REDACTED}`)
    .replace(SLACK_HOOK_PATH, `$1${REDACTED}`).replace(SECRET_QUERY, `$1${REDACTED}`);

/**
 * A log object with every string in it redacted (values from `redact`), to a bounded depth:
 * a URL can sit in any field (an error's `url`, a request's body), not only in the message.
 * Errors are replaced by what `describeError` keeps of them.
 */
export function redactDeep(
  value: unknown,
  redact: (text: string) => string,
  describeError: (err: Error) => Record<string, unknown>,
  depth = 0,
): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) return redactDeep(describeError(value), redact, describeError, depth + 1);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, describeError, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact, describeError, depth + 1);
  return out;
}

/** One URL fit to show (a store URL in an error, a feed URL in a log line). */
export const redactUrl = (url: string): string => redactUrls(url);
