// What "safe to post" means, checked on what the formatters produce (shared by the example and property tests).
import { expect } from 'vitest';

export const BIDI_OR_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** Slack: every `<…>` is a date or a link whose label holds no markup; no bare @everyone/@here/@channel. */
export function expectSafeSlack(text: string): void {
  expect(text).not.toMatch(BIDI_OR_CONTROL);
  for (const m of text.match(/<[^>]*>?/gu) ?? []) expect(m).toMatch(/^<(!date\^\d+\^[^|>]*\|[^<>]*|https?:\/\/[^\s|<>]+\|[^<>]*)>$/iu);
  // A link's target is not rendered as text; everything else is.
  expect(text.replace(/<https?:\/\/[^\s|<>]+\|/giu, '<')).not.toMatch(/@(everyone|here|channel)/iu);
}

/** Discord markdown that could forge a link: a bracket or parenthesis with an even run of backslashes before it. */
const unescapedLinkChar = (text: string): boolean => /(^|[^\\])(\\\\)*[[\]()]/u.test(text);

/** Discord text outside our own markup: no markup that links, no mention, no bidi or control characters. */
export function expectSafeDiscord(text: string): void {
  expect(text).not.toMatch(BIDI_OR_CONTROL);
  expect(unescapedLinkChar(text), text).toBe(false);
  expect(text).not.toMatch(/<(@[!&]?|#|\/)[^<>\s\u200b]*>/u);
  expect(text).not.toMatch(/@(everyone|here)/iu);
}

/** A Discord command reply: code spans and `<https://…>` links are ours; the rest must be inert. */
export function expectSafeDiscordReply(text: string): void {
  expectSafeDiscord(text.replace(/`[^`\n]*`/gu, '').replace(/<https?:\/\/[^\s<>()[\]*`|\\]+>/gu, ''));
}
