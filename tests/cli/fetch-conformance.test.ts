import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFetchCommand } from '../../src/cli/fetch-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import { LOOPBACK_ALLOWED_YAML } from '../builders/config.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { PROJECT_ROOT, runCli } from './run-cli.js';

/**
 * Conformance: each fixture in tests/fixtures/feeds/conformance/ shows one behaviour the RSS, Atom
 * or JSON Feed specifications call valid; each goes through the `fetch --json` command (config →
 * undici → charset → parser → normalizer → JSON lines) against a loopback server. The command runs
 * in this process (a CLI process per fixture costs seconds each on a shared machine); one fixture
 * also goes through a real CLI process, so argv parsing and stdout are covered too.
 */

interface Case {
  file: string;
  contentType: string;
  expected: Array<Record<string, unknown>>;
  /** Checks beyond the article fields. */
  check?: (stdout: string, stderr: string) => void;
}

const RSS = 'application/rss+xml';
const ATOM = 'application/atom+xml';

const CASES: Case[] = [
  {
    file: 'rss2-description-only.xml',
    contentType: RSS,
    expected: [
      { title: expect.stringMatching(/^Envoys from Kyiv and Washington met in Geneva on Sunday to discuss a ceasefire\. .*…$/), url: '', summary: expect.stringContaining('without a joint statement') },
      { title: 'Second note with markup.', url: '' },
    ],
  },
  {
    file: 'rss2-guid-permalink.xml',
    contentType: RSS,
    expected: [
      { title: 'Default isPermaLink is true.', url: 'https://wire.example/2025/12/default' },
      { title: 'Explicitly a permalink.', url: 'https://wire.example/2025/12/explicit' },
      { title: 'Not a permalink, though it looks like a URL.', url: '' },
    ],
  },
  { file: 'atom-title-text.xml', contentType: ATOM, expected: [{ title: 'Why <b> is not bold in a text title & stays visible' }] },
  { file: 'atom-title-html.xml', contentType: ATOM, expected: [{ title: 'Talks in Geneva & Miami' }] },
  {
    file: 'atom-xhtml.xml',
    contentType: ATOM,
    expected: [{ title: 'Ceasefire talks resume in Geneva', summary: 'Delegations met for six hours & agreed to meet again.' }],
  },
  {
    file: 'atom03-base64.xml',
    contentType: ATOM,
    expected: [
      {
        title: 'Exchange agreed',
        url: 'https://atom03.example/exchange',
        summary: 'Prisoner exchange agreed in Istanbul – both sides confirm.',
        published: '2025-12-01T09:00:00.000Z',
      },
    ],
  },
  {
    file: 'atom-summary-content.xml',
    contentType: ATOM,
    expected: [{ summary: 'A short lede.', body: 'The full article body, long and detailed, written after the summary in the document.' }],
  },
  { file: 'xml-base-feed.xml', contentType: ATOM, expected: [{ url: 'https://base.example/blog/posts/one.html' }] },
  { file: 'xml-base-entry.xml', contentType: ATOM, expected: [{ url: 'https://base.example/blog/2025/12/two.html' }] },
  { file: 'xml-base-element.xml', contentType: ATOM, expected: [{ url: 'https://base.example/archive/three.html' }] },
  {
    file: 'rss1-rdf.xml',
    contentType: 'application/rdf+xml',
    expected: [{ title: 'Memorandum signed', url: 'https://rdf.example/a/1', summary: 'Both delegations signed a memorandum.', published: '2025-12-01T09:00:00.000Z' }],
  },
  {
    file: 'rss1-dc-description.xml',
    contentType: 'application/rdf+xml',
    expected: [{ title: 'Only Dublin Core text', summary: 'The text of this item is in dc:description.' }],
  },
  {
    file: 'rss2-media-description.xml',
    contentType: RSS,
    expected: [
      { title: 'Video: delegations arrive', summary: 'Delegations arrive at the venue <in Geneva>.' },
      { title: 'Video: press conference', summary: 'The envoys answer questions.' },
    ],
  },
  {
    file: 'rss2-doctype-text.xml',
    contentType: RSS,
    expected: [
      { title: 'Talks continue', url: 'https://cms.example/1', summary: expect.stringContaining('is how the CMS starts every page') },
      { title: 'Second item survives', url: 'https://cms.example/2' },
    ],
  },
  {
    file: 'jsonfeed-1.0.json',
    contentType: 'application/json',
    expected: [
      { title: 'Envoys meet in Abu Dhabi', url: 'https://json.example/1', summary: 'Envoys met on Monday.', published: '2025-12-01T10:00:00.000Z' },
      { title: 'A note without a title or URL: plain <text> & symbols.', url: '' },
    ],
  },
  {
    file: 'jsonfeed-1.1.json',
    contentType: 'application/feed+json',
    expected: [
      {
        title: 'Переговори в Женеві',
        url: 'https://json.example/uk/1',
        summary: 'Короткий опис.',
        body: 'Повний текст статті про переговори.',
        language: 'uk',
        published: '2025-12-01T08:00:00.000Z',
      },
    ],
  },
  { file: 'jsonfeed-sniffed.json', contentType: 'text/plain; charset=utf-8', expected: [{ title: 'Переговори в Женеві' }] },
  {
    file: 'rss2-undeclared-latin1.xml',
    contentType: 'text/xml',
    expected: [
      {
        title: 'Négociations à Genève : « cessez-le-feu » – garanties',
        summary: "Les délégations se sont réunies à l'hôtel, près du lac Léman.",
      },
    ],
    check: (stdout, stderr) => {
      expect(stdout).not.toContain('\uFFFD');
      expect(stderr).toMatch(/charset windows-1252 \(default\)/);
    },
  },
  {
    file: 'rss2-served-as-html.xml',
    contentType: 'text/html',
    expected: [{ title: 'Переговоры в Женеве продолжаются', summary: 'Делегации встретились в отеле.' }],
    check: (_stdout, stderr) => expect(stderr).toMatch(/charset windows-1251 \(html-meta\)/),
  },
];

const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/feeds/conformance');
let server: FeedServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-conformance-'));
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/config/topics'), path.join(dir, 'topics'), { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), `feeds:\n  - name: X\n    url: https://x.example/feed\nsubscriptions: []\n${LOOPBACK_ALLOWED_YAML}`);
  server = await startFeedServer(
    Object.fromEntries(
      CASES.map((c) => [`/${c.file}`, { headers: { 'content-type': c.contentType }, body: readFileSync(path.join(FIXTURES, c.file)) }]),
    ),
  );
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const collector = () => {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
};

async function fetchJson(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const out = collector();
  const err = collector();
  const code = await runFetchCommand({
    url: server.url(`/${file}`),
    json: true,
    load: () => loadConfig(path.join(dir, 'config.yaml')),
    out: out.stream,
    err: err.stream,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

function expectArticles(c: Case, r: { code: number | null; stdout: string; stderr: string }): void {
  expect(r.code, r.stderr).toBe(0);
  const articles = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(articles).toHaveLength(c.expected.length);
  for (const [i, expected] of c.expected.entries()) expect(articles[i]).toMatchObject(expected);
  c.check?.(r.stdout, r.stderr);
}

describe('fetch --json reads every valid feed right', () => {
  it.each(CASES.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    expectArticles(c, await fetchJson(c.file));
  });

  it('prints no U+FFFD for an undeclared ISO-8859-1 feed, through a real CLI process', async () => {
    const c = CASES.find((x) => x.file === 'rss2-undeclared-latin1.xml')!;
    expectArticles(c, await runCli(['fetch', server.url(`/${c.file}`), '--json', '--config', path.join(dir, 'config.yaml')]));
  }, 60_000);
});
