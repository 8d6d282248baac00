/**
 * The one escaper for Discord markdown. Feed and user text is escaped so it cannot fake
 * markdown or masked links (`[click](http://evil.example/)`), mentions are broken with a
 * zero-width space even though allowed_mentions already stops pings, and bidi and control
 * characters are stripped so a headline displays as it reads.
 */
import { stripControls } from '../../text/strip-controls.js';

const ZWSP = '\u200b';

/** Breaks @everyone, @here, <@user>, <@!user>, <@&role>, <#channel> and slash-command mentions so they show as text. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/giu, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#|\/)([^<>\s]*)>/gu, `<${ZWSP}$1$2>`);
}

/**
 * Escapes Discord markdown: inline markers everywhere, brackets and parentheses (masked links),
 * and block markers (quote, heading, subtext, list) at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]()]/gu, '\\$&')
    .replace(/^(\s*)([>#-])/gmu, '$1\\$2')
    // "1. " starts a list; Discord only honours escapes before punctuation, so the dot is escaped.
    .replace(/^(\s*\d+)\.(?=\s)/gmu, '$1\\.');
}

/** Untrusted text made inert: controls stripped, mentions broken, markdown escaped. */
export const safeText = (text: string): string => escapeMarkdown(neutraliseMentions(stripControls(text)));

/** Text for places that render no markdown (footers, author names): controls stripped and mentions broken only. */
export const safePlainText = (text: string): string => neutraliseMentions(stripControls(text));
