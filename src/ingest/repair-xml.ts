import { decodeHTML } from 'entities';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Index of the root element's `<`, skipping the prolog (declaration, comments, doctype, PIs); -1 if none. */
export function rootElementStart(text: string): number {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt === -1) return -1;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) return -1;
      i = end + 3;
    } else if (text[lt + 1] === '?' || text[lt + 1] === '!') {
      const end = text.indexOf('>', lt + 2);
      if (end === -1) return -1;
      i = end + 1;
    } else {
      return lt;
    }
  }
}

/**
 * Second chance for feeds that are almost XML, each repair aimed at one way publishers get it wrong:
 * - HTML named entities (&nbsp;, &eacute;) become numeric references, bare ampersands are escaped;
 * - a `<!` inside the document that opens neither a comment nor CDATA (a pasted `<!DOCTYPE html>`,
 *   text that merely starts like a declaration) is escaped, so it stays text instead of stopping sax
 *   with "Inappropriately located doctype declaration";
 * - unreadable Atom dates are emptied (rss-parser throws on them and would lose the whole feed).
 * Truncated or unbalanced documents are not guessed at: they stay malformed.
 */
export function repairAlmostXml(text: string): string {
  const root = rootElementStart(text);
  const prolog = root === -1 ? text : text.slice(0, root);
  const body = root === -1 ? '' : text.slice(root);
  return (
    prolog +
    body
      .replace(/&([A-Za-z][A-Za-z0-9]{1,31});/g, (whole, name: string) => {
        if (XML_ENTITIES.has(name)) return whole;
        const decoded = decodeHTML(whole);
        const code = decoded.length > 0 && decoded !== whole ? decoded.codePointAt(0) : undefined;
        return code === undefined ? `&amp;${name};` : `&#${code};`;
      })
      .replace(/&(?!#\d{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g, '&amp;')
      .replace(/<!(?!--|\[CDATA\[)/g, '&lt;!')
      .replace(/<(published|updated|issued|modified)>([^<]{0,100})<\/\1>/g, (whole, tag: string, value: string) =>
        Number.isNaN(Date.parse(value.trim())) ? `<${tag}></${tag}>` : whole,
      )
  );
}
