import iconv from 'iconv-lite';

/**
 * Where the charset came from. 'default' is UTF-8 when the bytes are valid UTF-8, else windows-1252;
 * 'html-meta' is a `<meta charset>` of a body served as text/html.
 */
export type CharsetSource = 'content-type' | 'xml-declaration' | 'bom' | 'html-meta' | 'default';

export interface DecodedBody {
  text: string;
  /** The charset the bytes were decoded with, e.g. "utf-8", "windows-1251". */
  charset: string;
  source: CharsetSource;
  /** A label the feed named but iconv-lite does not know; the body was decoded as UTF-8 instead. */
  unknownLabel?: string;
}

/** Labels browsers treat as windows-1252 (WHATWG Encoding): feeds that say latin-1 use 0x80–0x9F for “smart quotes”. */
const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp819', 'ibm819']);

const XML_DECLARATION_ENCODING = /^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

function sniffBom(bytes: Uint8Array): { charset: string; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** The charset parameter of a Content-Type header, lower-cased and unquoted. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return m?.[2]?.toLowerCase();
}

/** `encoding=` of the XML declaration, read from the first KB as latin-1 (ASCII-compatible charsets). */
function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  // UTF-16 without a BOM: "<?" spelled with zero bytes between (XML 1.0 Appendix F).
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return XML_DECLARATION_ENCODING.exec(head)?.[1]?.toLowerCase();
}

/** The MIME type of a Content-Type header, lower-cased, without parameters. */
const mimeType = (contentType: string | undefined): string => (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();

const META_CHARSET = /<meta\b[^>]{0,300}?\bcharset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})/i;

/**
 * `<meta charset>` or `<meta http-equiv content="…; charset=…">` in the first KB (the HTML prescan's
 * window), read only for bodies served as text/html: a feed sent with the wrong type keeps the
 * charset its HTML head names.
 */
function charsetFromHtmlMeta(bytes: Uint8Array, contentType: string | undefined): string | undefined {
  if (mimeType(contentType) !== 'text/html') return undefined;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return META_CHARSET.exec(head)?.[1]?.toLowerCase();
}

/** The name to decode with, or undefined when iconv-lite does not know the label. */
function resolveCharset(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (name === 'utf8') return 'utf-8';
  if (WINDOWS_1252_ALIASES.has(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : undefined;
}

/** The bytes as UTF-8, or undefined when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const isValidUtf8 = (bytes: Uint8Array): boolean => strictUtf8(bytes) !== undefined;

/** Point the declaration at the charset the text is now in, so the XML parser never re-interprets it. */
function rewriteDeclaration(text: string): string {
  return text.replace(/^(\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
}

function decodeWith(bytes: Uint8Array, charset: string, source: CharsetSource, unknownLabel?: string): DecodedBody {
  const text = rewriteDeclaration(iconv.decode(bytes, charset, { stripBOM: true }).replace(/^\uFEFF/, ''));
  return unknownLabel === undefined ? { text, charset, source } : { text, charset, source, unknownLabel };
}

/**
 * Decode a feed body: a BOM wins, then the Content-Type charset, then the XML declaration, then an
 * HTML `<meta charset>` (text/html only), else UTF-8 — or windows-1252 when the bytes are not valid
 * UTF-8 (what browsers and feedparser do: an undeclared ISO-8859-1 feed then shows no U+FFFD).
 * One exception: a header that claims UTF-8 over bytes that are not UTF-8 loses to the declaration,
 * a common misconfiguration of Cyrillic sites.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType?: string): DecodedBody {
  const bom = sniffBom(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.length), bom.charset, 'bom');

  let unknownLabel: string | undefined;
  const headerLabel = charsetFromContentType(contentType);
  const declaredLabel = charsetFromXmlDeclaration(bytes);
  const fromHeader = headerLabel === undefined ? undefined : resolveCharset(headerLabel);
  const fromDeclaration = declaredLabel === undefined ? undefined : resolveCharset(declaredLabel);
  if (headerLabel !== undefined && fromHeader === undefined) unknownLabel = headerLabel;

  const headerLies = fromHeader === 'utf-8' && fromDeclaration !== undefined && fromDeclaration !== 'utf-8' && !isValidUtf8(bytes);
  if (fromHeader !== undefined && !headerLies) return decodeWith(bytes, fromHeader, 'content-type');
  if (fromDeclaration !== undefined) return decodeWith(bytes, fromDeclaration, 'xml-declaration');
  if (declaredLabel !== undefined && unknownLabel === undefined) unknownLabel = declaredLabel;
  const metaLabel = charsetFromHtmlMeta(bytes, contentType);
  const fromMeta = metaLabel === undefined ? undefined : resolveCharset(metaLabel);
  if (fromMeta !== undefined) return decodeWith(bytes, fromMeta, 'html-meta', unknownLabel);
  const utf8 = strictUtf8(bytes);
  if (utf8 === undefined) return decodeWith(bytes, 'windows-1252', 'default', unknownLabel);
  const text = rewriteDeclaration(utf8);
  return unknownLabel === undefined
    ? { text, charset: 'utf-8', source: 'default' }
    : { text, charset: 'utf-8', source: 'default', unknownLabel };
}
