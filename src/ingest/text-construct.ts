import { textToHtml } from './html-text.js';

/**
 * Atom text constructs (RFC 4287 §3.1, Atom 0.3 §3.1) and MRSS descriptions as rss-parser hands them
 * over through xml2js: a string when the element has no attributes, else `{ _: text, $: attributes }`.
 * Everything leaves here as an HTML fragment, so the normalizer has one kind of input.
 */

interface XmlNode {
  _?: unknown;
  $?: Record<string, unknown>;
}

const attr = (node: XmlNode, name: string): string | undefined => {
  const v = node.$?.[name];
  return typeof v === 'string' ? v.trim().toLowerCase() : undefined;
};

const HTML_TYPES = new Set(['html', 'text/html', 'xhtml', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text', 'text/plain', 'plain']);

/** Base64 content of Atom 0.3 `mode="base64"`, read as UTF-8; undefined when it is not base64. */
function fromBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/**
 * One text construct as HTML: type text (the default) escaped, html kept, base64 decoded first;
 * undefined for empty or binary (image/png …) content. `defaultType` is 'text' for Atom and
 * 'plain' for MRSS; RSS fields are HTML by custom and do not come here.
 */
export function textConstructToHtml(value: unknown, defaultType = 'text'): string | undefined {
  const node: XmlNode = typeof value === 'string' ? { _: value } : value !== null && typeof value === 'object' ? (value as XmlNode) : {};
  let text = typeof node._ === 'string' ? node._ : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  const type = attr(node, 'type') ?? defaultType;
  const mode = attr(node, 'mode');
  if (mode === 'base64') {
    text = fromBase64(text);
    if (text === undefined || text.trim() === '') return undefined;
  }
  // Atom 0.3: mode="escaped" means the text is markup whatever the type says.
  if (HTML_TYPES.has(type) || mode === 'escaped') return text;
  if (TEXT_TYPES.has(type) || type.startsWith('text/')) return textToHtml(text);
  return undefined;
}

const XHTML_CONSTRUCT =
  /<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|tagline|summary|content|rights|copyright|info))(\s[^>]*?\btype\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["'][^>]*?)(?<!\/)>([\s\S]*?)<\/\1\s*>/g;

/**
 * Inline XHTML text constructs become escaped HTML before the XML parser sees them: xml2js keeps an
 * element's text apart from its children, so `<div>Talks <b>resume</b></div>` would lose its order
 * or vanish. The wrapping div (not part of the content, RFC 4287 §3.1.1.3) and namespace prefixes
 * are dropped; type becomes html.
 */
export function inlineXhtmlToEscapedHtml(xml: string): string {
  if (!xml.includes('xhtml')) return xml;
  return xml.replace(XHTML_CONSTRUCT, (whole, name: string, attrs: string, inner: string) => {
    if (/\bmode\s*=\s*["'](?:escaped|base64)["']/i.test(attrs)) return whole;
    const html = inner
      .replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1')
      .replace(/^\s*<div\b[^>]*>([\s\S]*)<\/div>\s*$/, '$1');
    const htmlAttrs = attrs.replace(/\btype\s*=\s*["'][^"']*["']/, 'type="html"');
    return `<${name}${htmlAttrs}>${textToHtml(html)}</${name}>`;
  });
}
