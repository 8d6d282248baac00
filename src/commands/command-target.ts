/**
 * How a subscription target travels inside a Command: a topic id as typed, or a keyword
 * phrase wrapped in quotes. Slack's parser keeps the quotes; Discord passes its option
 * string as the user typed it. Straight and typographic quotes count alike, because
 * phones and macOS turn "…" into “…”.
 */
const QUOTES = new Set(['"', '“', '”', '„', '‟', '«', '»']);

export const isQuote = (ch: string | undefined): boolean => ch !== undefined && QUOTES.has(ch);

export type TargetText = { kind: 'keyword'; phrase: string } | { kind: 'name'; name: string };

/** The canonical in-Command form of a keyword: straight double quotes. */
export const quoteKeyword = (phrase: string): string => `"${phrase}"`;

export function readTarget(target: string): TargetText {
  const t = target.trim();
  const chars = [...t];
  if (chars.length >= 2 && isQuote(chars[0]) && isQuote(chars.at(-1))) {
    return { kind: 'keyword', phrase: chars.slice(1, -1).join('') };
  }
  return { kind: 'name', name: t };
}
