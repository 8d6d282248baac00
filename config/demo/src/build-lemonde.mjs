// Regenerates feeds/lemonde-international.xml from lemonde-international.src.xml and the seed
// article, so the feed item carries seed-article-fr.txt word for word.
// Run: node config/demo/src/build-lemonde.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const paragraphs = readFileSync(new URL('../seed-article-fr.txt', here), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '');
const toHtml = (ps) => ps.map((p) => `<p>${p}</p>`).join('\n');
// description is escaped HTML (no CDATA), as many CMS feeds do; content:encoded is CDATA
const escapeXml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const content = toHtml(paragraphs);
if (content.includes(']]>')) throw new Error('seed article would break the CDATA section');
const feed = readFileSync(new URL('lemonde-international.src.xml', here), 'utf8')
  .replace('{{SEED_DESCRIPTION}}', () => escapeXml(toHtml(paragraphs.slice(0, 2))))
  .replace('{{SEED_CONTENT}}', () => content);
writeFileSync(new URL('../feeds/lemonde-international.xml', here), feed);
console.log('wrote feeds/lemonde-international.xml');
