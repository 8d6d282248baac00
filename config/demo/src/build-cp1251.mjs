// Regenerates feeds/kommersant-world.xml: the UTF-8 source re-encoded as windows-1251, the way
// some Russian outlets still publish. The demo serves it without a charset parameter, so the
// XML declaration is the only place the encoding is stated.
// Run from the repository root: node config/demo/src/build-cp1251.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

const here = new URL('.', import.meta.url);
const source = readFileSync(new URL('kommersant-world.src.xml', here), 'utf8');
const text = source
  .replace('encoding="UTF-8"', 'encoding="windows-1251"')
  .replace(/\n\s*UTF-8 source: .*?windows-1251\./s, '');
if (!text.startsWith('<?xml version="1.0" encoding="windows-1251"?>')) {
  throw new Error('expected the source to start with an UTF-8 XML declaration');
}
const bytes = iconv.encode(text, 'win1251');
// iconv-lite silently writes "?" for characters windows-1251 lacks: refuse instead
if (iconv.decode(bytes, 'win1251') !== text) throw new Error('source has characters outside windows-1251');
writeFileSync(new URL('../feeds/kommersant-world.xml', here), bytes);
console.log(`wrote feeds/kommersant-world.xml (${bytes.length} bytes, windows-1251)`);
