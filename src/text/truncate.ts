/**
 * The one truncation: cuts to `max` UTF-16 code units, the unit Discord counts and never
 * fewer than the characters Slack counts, so one limit holds on both platforms.
 */
export const ELLIPSIS = '…';

/** Cuts with an ellipsis, never inside a surrogate pair and never after a lone escaping backslash. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/u.test(cut)) cut = cut.slice(0, -1);
  // An odd run of trailing backslashes would escape the ellipsis (Discord) or show as a stray escape.
  const slashes = /\\+$/u.exec(cut)?.[0].length ?? 0;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

/** Cuts on a word boundary when one is near the end (prose: summaries, bodies). */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -ELLIPSIS.length);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}
