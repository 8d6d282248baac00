import { decodeHTML } from 'entities';

/** Elements whose content is never text a reader sees. */
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math']);

/** Inline elements vanish without a space so `<b>Wit</b>koff` stays one word; every other tag separates words. */
const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

// Zero-width space/joiners, word joiner, BOM, soft hyphen: invisible, but they split words for matching.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 controls other than whitespace, which feeds sometimes leak from CMS copy-paste.
const CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

// Anything the cleanup below would change: whitespace other than single inner spaces,
// controls, invisibles. Most feed text has none, and is returned as it is.
const NEEDS_CLEANUP = /[\u0000-\u001F\u007F-\u00A0\u00AD\u1680\u2000-\u200D\u2028\u2029\u202F\u205F\u2060\u3000\uFEFF]| {2}|^ | $/;

const isNameChar = (c: string): boolean => /[A-Za-z0-9:-]/.test(c);

/** Index just past the `>` that closes the tag opened at `start`, honouring quoted attributes; -1 if none. */
function endOfTag(html: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return -1;
}

/** Index just past `</name ...>` searching from `from`, or the end of the input when it is never closed. */
function endOfElement(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}[\\s/>]`, 'gi');
  closing.lastIndex = from;
  const m = closing.exec(html);
  if (!m) return html.length;
  const end = endOfTag(html, m.index);
  return end === -1 ? html.length : end;
}

/**
 * Plain text of an HTML fragment: tags stripped (script/style content dropped, block tags → space),
 * entities decoded, invisible characters removed, whitespace folded. One pass, linear in the input.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let textStart = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html[lt + 1] ?? '';
    if (!/[A-Za-z/!?]/.test(next)) {
      i = lt + 1; // a literal "<", as in "a < b"
      continue;
    }
    parts.push(html.slice(textStart, lt));
    let end: number;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      end = close === -1 ? html.length : close + 3;
    } else {
      end = endOfTag(html, lt);
      if (end === -1 && next === '!') {
        parts.pop(); // "<!DOCTYPE is…" never closed: text that merely starts like a declaration
        i = lt + 1;
        continue;
      }
      if (end === -1) end = html.length; // a tag cut off at the end of the fragment
      let n = lt + 1;
      const closing = html[n] === '/';
      if (closing) n++;
      const nameStart = n;
      while (n < end && isNameChar(html[n] ?? '')) n++;
      const name = html.slice(nameStart, n).toLowerCase();
      if (!closing && SKIPPED_ELEMENTS.has(name) && html[end - 2] !== '/') end = endOfElement(html, name, end);
      if (!INLINE_ELEMENTS.has(name)) parts.push(' ');
    }
    i = textStart = end;
  }
  parts.push(html.slice(textStart));
  const joined = parts.join('');
  // Entities are decoded after tags are gone, so "&lt;b&gt;" stays visible text.
  const text = joined.includes('&') ? decodeHTML(joined) : joined;
  if (!NEEDS_CLEANUP.test(text)) return text;
  return text
    .replace(INVISIBLE, '')
    .replace(CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Plain text as an HTML fragment that htmlToText gives back unchanged: the inverse of htmlToText for
 * text that must stay text (Atom type="text", JSON Feed content_text, media:description type plain),
 * so `<b>` written as a literal stays visible instead of being read as a tag.
 */
export const textToHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
