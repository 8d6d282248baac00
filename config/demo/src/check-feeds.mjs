// Checks the demo feeds against expected.json, feeds.json and demo.yaml, and prints counts.
// Exits non-zero on any mismatch. Run from the repository root: node config/demo/src/check-feeds.mjs
import { readFileSync, readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { parse as parseYaml } from 'yaml';

const demo = new URL('../', import.meta.url);
const read = (path) => readFileSync(new URL(path, demo));
const expected = JSON.parse(read('expected.json').toString('utf8'));
const served = JSON.parse(read('feeds.json').toString('utf8'));
const config = parseYaml(read('demo.yaml').toString('utf8'));
const problems = [];
const fail = (message) => problems.push(message);

const files = readdirSync(new URL('feeds/', demo)).sort();
const servedFiles = served.map((f) => f.file).sort();
if (JSON.stringify(files) !== JSON.stringify(servedFiles)) fail(`feeds.json lists ${servedFiles}, feeds/ holds ${files}`);
if (JSON.stringify(Object.keys(expected).sort()) !== JSON.stringify(files)) fail('expected.json files differ from feeds/');
const configured = new Map(config.feeds.map((f) => [f.url.replace('http://127.0.0.1:0/feeds/', ''), f]));

/** Charset as a client must find it: Content-Type parameter, else the XML declaration. */
const decode = (bytes, contentType) => {
  const fromHeader = /charset=([\w-]+)/i.exec(contentType)?.[1];
  const head = bytes.subarray(0, 100).toString('latin1');
  const fromDeclaration = /<\?xml[^>]*encoding=["']([\w-]+)["']/.exec(head)?.[1];
  return { text: iconv.decode(bytes, fromHeader ?? fromDeclaration ?? 'utf-8'), charset: fromHeader ?? fromDeclaration };
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const checkDate = (where, raw) => {
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) return fail(`${where}: unparseable date ${raw}`);
  if (date < new Date('2025-11-30T00:00:00Z') || date > new Date('2025-12-21T00:00:00Z')) fail(`${where}: date ${raw} outside the talks period`);
  const rfc822 = /^(\w{3}), (\d{2}) (\w{3}) (\d{4}) /.exec(raw);
  if (rfc822) {
    const [, weekday, day, month, year] = rfc822;
    const actual = WEEKDAYS[new Date(Date.UTC(+year, MONTHS.indexOf(month), +day)).getUTCDay()];
    if (weekday !== actual) fail(`${where}: ${raw} is a ${actual}`);
  }
};

const seedParagraphs = read('seed-article-fr.txt').toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean);
const stripTags = (html) => html.split(/<\/p>\s*/).map((p) => p.replace(/<[^>]+>/g, '').trim()).filter(Boolean);

const parser = new Parser();
const totals = { items: 0, relevant: 0, decoy: 0, noGuid: 0, atom: 0 };
const perLanguage = {};
for (const { file, contentType } of served) {
  const bytes = read(`feeds/${file}`);
  const { text, charset } = decode(bytes, contentType);
  const feed = await parser.parseString(text);
  const feedConfig = configured.get(file);
  if (!feedConfig) fail(`${file}: not in demo.yaml`);
  const language = feedConfig?.language ?? '?';
  const labels = expected[file] ?? {};
  const seen = new Set();
  let relevant = 0;
  const isAtom = text.includes('<feed xmlns="http://www.w3.org/2005/Atom"');
  if (isAtom) totals.atom += 1;
  if (/windows-1251/i.test(charset ?? '')) {
    if (bytes.toString('utf8').includes('\uFFFD') === false) fail(`${file}: declared windows-1251 but the bytes are valid UTF-8`);
    if (/charset/i.test(contentType)) fail(`${file}: windows-1251 feed must be served without a charset`);
  }
  for (const item of feed.items) {
    const key = item.guid ?? item.id ?? item.link;
    if (!item.guid && !item.id) totals.noGuid += 1;
    const label = labels[key];
    seen.add(key);
    if (!label) { fail(`${file}: item ${key} has no label in expected.json`); continue; }
    if (label.title !== item.title) fail(`${file}: title of ${key} is "${item.title}", expected.json says "${label.title}"`);
    checkDate(`${file} ${key}`, isAtom ? item.pubDate ?? item.isoDate : item.pubDate);
    if (label.relevant) relevant += 1;
    if (item.title?.includes('pourraient se rencontrer à Miami')) {
      if (JSON.stringify(stripTags(item['content:encoded'] ?? '')) !== JSON.stringify(seedParagraphs)) fail(`${file}: content:encoded is not the seed article`);
      if (JSON.stringify(stripTags(item.content ?? '')) !== JSON.stringify(seedParagraphs.slice(0, 2))) fail(`${file}: description is not the seed's first two paragraphs`);
    }
  }
  for (const key of Object.keys(labels)) if (!seen.has(key)) fail(`${file}: expected.json labels ${key}, which the feed lacks`);
  const count = feed.items.length;
  totals.items += count; totals.relevant += relevant; totals.decoy += count - relevant;
  const lang = (perLanguage[language] ??= { items: 0, relevant: 0 });
  lang.items += count; lang.relevant += relevant;
  console.log(`${file.padEnd(28)} ${language}  ${String(count).padStart(2)} items  ${relevant} relevant  ${count - relevant} decoy  (${isAtom ? 'Atom' : 'RSS'}, ${charset ?? 'no charset'})`);
}
for (const [language, c] of Object.entries(perLanguage)) console.log(`language ${language}: ${c.items} items, ${c.relevant} relevant`);
console.log(`total: ${totals.items} items, ${totals.relevant} relevant, ${totals.decoy} decoy, ${totals.noGuid} without guid, ${totals.atom} Atom feed(s)`);
if (totals.items < 45) fail('fewer than 45 items');
if (totals.noGuid !== 1) fail(`expected exactly one item without guid, found ${totals.noGuid}`);
if (problems.length > 0) {
  console.error(problems.map((p) => `FAIL ${p}`).join('\n'));
  process.exit(1);
}
console.log('all demo feeds check out');
