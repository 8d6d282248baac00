/**
 * Control and bidi characters in text from feeds and users. A U+202E in a headline shows
 * the rest reversed, ESC sequences rewrite a terminal, NUL cuts strings in C libraries:
 * none of them belongs in anything we post or print.
 */

// Bidi embeddings, overrides, isolates and marks (LRM, RLM, ALM): they change how text displays, not what it says.
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
// C0 except tab and newline, DEL, C1.
const CONTROLS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';

const STRIP = new RegExp(`[${CONTROLS}${BIDI}]`, 'gu');
const ANY = new RegExp(`[${CONTROLS}${BIDI}\\t\\n]`, 'u');

/** Removes control and bidi characters; tab and newline stay (summaries have lines). */
export const stripControls = (text: string): string => text.replace(STRIP, '');

/** One line: control and bidi characters removed, tabs and newlines as spaces (titles, names). */
export const stripControlsInline = (text: string): string => stripControls(text).replace(/[\t\n]/gu, ' ');

/** True if the text holds any control or bidi character, tab and newline included (keywords refuse them). */
export const hasControls = (text: string): boolean => ANY.test(text);
