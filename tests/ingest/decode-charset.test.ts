import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeFeedBody } from '../../src/ingest/decode-charset.js';
import { readFeedFixture } from './feed-fixtures.js';

const RUSSIAN = 'Уиткофф и Дмитриев обсудили в Москве мирный план: прекращение огня, гарантии безопасности, ёлка';
const UKRAINIAN = 'Умєров: делегація України готова до зустрічі в Женеві, ґанок, їжак, Її';
const FRENCH = 'Négociations à Genève : «cessez-le-feu» et garanties de sécurité, hôtel, Noël, œuvre';
const POLISH = 'Rozmowy pokojowe w Genewie: zawieszenie broni, gwarancje bezpieczeństwa, żółć, Łódź';

const rss = (declared: string | undefined, title: string): string =>
  `${declared === undefined ? '' : `<?xml version="1.0" encoding="${declared}"?>\n`}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

const titleOf = (text: string): string => /<title>(.*)<\/title>/.exec(text)?.[1] ?? '';

describe('decodeFeedBody', () => {
  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['koi8-u', UKRAINIAN],
    ['windows-1251', UKRAINIAN],
    ['iso-8859-2', POLISH],
    ['windows-1252', FRENCH],
    ['iso-8859-1', FRENCH.replace('œuvre', 'oeuvre')],
  ])('decodes %s bytes named in the XML declaration', (charset, original) => {
    const bytes = iconv.encode(rss(charset, original), charset);
    const decoded = decodeFeedBody(bytes);
    expect(titleOf(decoded.text)).toBe(original);
    expect(decoded.source).toBe('xml-declaration');
  });

  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['iso-8859-2', POLISH],
  ])('decodes %s bytes named only in the Content-Type', (charset, original) => {
    const bytes = iconv.encode(rss(undefined, original), charset);
    const decoded = decodeFeedBody(bytes, `application/rss+xml; charset="${charset.toUpperCase()}"`);
    expect(titleOf(decoded.text)).toBe(original);
    expect(decoded).toMatchObject({ charset, source: 'content-type' });
  });

  it('prefers the Content-Type charset over the XML declaration', () => {
    const bytes = iconv.encode(rss('iso-8859-1', RUSSIAN), 'koi8-r');
    const decoded = decodeFeedBody(bytes, 'text/xml; charset=koi8-r');
    expect(titleOf(decoded.text)).toBe(RUSSIAN);
    expect(decoded).toMatchObject({ charset: 'koi8-r', source: 'content-type' });
  });

  it('trusts the declaration when the header claims UTF-8 over bytes that are not UTF-8', () => {
    const bytes = iconv.encode(rss('windows-1251', RUSSIAN), 'windows-1251');
    const decoded = decodeFeedBody(bytes, 'text/xml; charset=utf-8');
    expect(titleOf(decoded.text)).toBe(RUSSIAN);
    expect(decoded).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
  });

  it('lets a UTF-8 BOM win over a wrong header and declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('windows-1251', RUSSIAN), 'utf8')]);
    const decoded = decodeFeedBody(bytes, 'text/xml; charset=koi8-r');
    expect(titleOf(decoded.text)).toBe(RUSSIAN);
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(decoded.text.startsWith('<?xml')).toBe(true);
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ])('decodes %s with a BOM', (charset, bom) => {
    const body = iconv.encode(rss('UTF-16', UKRAINIAN), charset);
    const decoded = decodeFeedBody(Buffer.concat([Buffer.from(bom), body]));
    expect(titleOf(decoded.text)).toBe(UKRAINIAN);
    expect(decoded).toMatchObject({ charset, source: 'bom' });
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('decodes UTF-16LE without a BOM from the shape of "<?xml"', () => {
    const decoded = decodeFeedBody(iconv.encode(rss('UTF-16', FRENCH), 'utf-16le'));
    expect(titleOf(decoded.text)).toBe(FRENCH);
    expect(decoded.charset).toBe('utf-16le');
  });

  it('defaults to UTF-8 when nothing names a charset', () => {
    const decoded = decodeFeedBody(Buffer.from(rss(undefined, UKRAINIAN), 'utf8'), 'application/xml');
    expect(titleOf(decoded.text)).toBe(UKRAINIAN);
    expect(decoded).toEqual(expect.objectContaining({ charset: 'utf-8', source: 'default' }));
    expect(decoded.unknownLabel).toBeUndefined();
  });

  it('falls back to UTF-8 on an unknown label and says which', () => {
    const decoded = decodeFeedBody(Buffer.from(rss('x-klingon', FRENCH), 'utf8'), 'text/xml; charset=x-martian');
    expect(titleOf(decoded.text)).toBe(FRENCH);
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'default', unknownLabel: 'x-martian' });
  });

  it('reads windows-1252 smart quotes in a feed labelled iso-8859-1', () => {
    const bytes = Buffer.from([...Buffer.from('<t>'), 0x93, 0x41, 0x94, 0x96, ...Buffer.from('</t>')]);
    expect(decodeFeedBody(bytes, 'text/xml; charset=ISO-8859-1').text).toBe('<t>“A”–</t>');
  });

  it('rewrites the declared encoding so the XML parser does not re-interpret the text', () => {
    const decoded = decodeFeedBody(iconv.encode(rss('windows-1251', RUSSIAN), 'windows-1251'));
    expect(decoded.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it.each([
    ['rss-windows-1251.xml', 'windows-1251', 'Новости — В мире'],
    ['rss-koi8-r.xml', 'koi8-r', 'Новости - В мире'],
  ])('decodes the %s fixture', (file, charset, title) => {
    const decoded = decodeFeedBody(readFeedFixture(file));
    expect(decoded).toMatchObject({ charset, source: 'xml-declaration' });
    expect(decoded.text).toContain(`<title>${title}</title>`);
    expect(decoded.text).toContain('Спецпосланник президента США Стив Уиткофф провёл переговоры');
  });
});

describe('charsetFromContentType', () => {
  it.each([
    ['text/xml; charset=UTF-8', 'utf-8'],
    ['application/rss+xml;charset="windows-1251"', 'windows-1251'],
    ['text/html; Charset = koi8-r ; foo=bar', 'koi8-r'],
    ['application/xml', undefined],
    [undefined, undefined],
  ])('reads %s', (header, expected) => {
    expect(charsetFromContentType(header)).toBe(expected);
  });
});
