/**
 * Bounded work per article, measured: the worst keyword set (39 nested keywords, "a a" …
 * 40 tokens) and a 1 MB repetitive title, through the live path (normalize at ingest, then
 * match, language, summary, gist and story on the real topic pack), against an ordinary
 * corpus article through the same path in the same process. Bounds: < 50 ms per article and
 * < 100 MB of extra heap. Also the matcher alone on the raw 1 MB title (no ingest cap), so
 * the matcher's own bounds show. Medians over interleaved rounds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import type { FeedConfig } from '../src/domain/feed.js';
import { normalizeItem } from '../src/ingest/normalize-article.js';
import { createClassifier } from '../src/pipeline/classifier.js';
import { createTopicMatcher } from '../src/relevance/topic-matcher.js';
import { median } from './bench-stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = 7;
const PER_ROUND = 10;
const BOUND_MS = 50;
const BOUND_HEAP_MB = 100;

const keywords = Array.from({ length: 39 }, (_, i) => Array.from({ length: i + 2 }, () => 'a').join(' '));
const hostileTitle = 'a '.repeat(512 * 1024); // 1 MiB
const ordinary = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/relevance/corpus.jsonl'), 'utf8').split('\n')[0]!) as { title: string; summary: string; url: string };
const feed: FeedConfig = { id: 'bench', name: 'Bench', url: 'https://bench.example/rss', language: 'en', intervalMinutes: 10 };
const NOW = Date.parse('2025-12-13T12:00:00Z');

const config = await loadConfig(path.join(ROOT, 'config/default.yaml'));
const matcher = createTopicMatcher(config.topics, { keywords });
const classifier = await createClassifier(config, { keywords });

let n = 0;
/** Ingest then classify, as the live pipeline does; returns ms per article. */
async function run(title: string, summary: string): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) {
    const article = normalizeItem({ guid: `g${n++}`, title, description: summary, link: `https://bench.example/${n}` }, feed, { now: NOW, baseUrl: feed.url })!;
    await classifier.classify({ id: article.id, title: article.title, summary: article.summary, url: article.url, published: article.publishedAt }, NOW);
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / PER_ROUND;
}

function matchRaw(): number {
  const start = process.hrtime.bigint();
  matcher.match({ title: hostileTitle, summary: hostileTitle });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

// Warm-up: the JIT and the per-process tables.
await run(ordinary.title, ordinary.summary);
await run(hostileTitle, '');
matchRaw();

const baseHeap = heapMb();
let peakExtra = 0;
const rounds: Array<{ hostile: number; ordinary: number; raw: number }> = [];
for (let r = 0; r < ROUNDS; r++) {
  const hostile = await run(hostileTitle, hostileTitle.slice(0, 4_000));
  peakExtra = Math.max(peakExtra, process.memoryUsage().heapUsed / 1024 / 1024 - baseHeap);
  const plain = await run(ordinary.title, ordinary.summary);
  const raw = matchRaw();
  peakExtra = Math.max(peakExtra, process.memoryUsage().heapUsed / 1024 / 1024 - baseHeap);
  rounds.push({ hostile, ordinary: plain, raw });
}
await classifier.close();

const med = (k: 'hostile' | 'ordinary' | 'raw') => median(rounds.map((x) => x[k]));
const ratio = median(rounds.map((x) => x.hostile / x.ordinary));
const ok = med('hostile') < BOUND_MS && med('raw') < BOUND_MS && peakExtra < BOUND_HEAP_MB;
console.log(`worst-case benchmark: 39 nested keywords ("a a" … 40 tokens), a 1 MiB repetitive title, Node ${process.version}, median of ${ROUNDS} rounds × ${PER_ROUND}${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`);
console.log(`  hostile article, ingest + classify   ${med('hostile').toFixed(2).padStart(8)} ms/article   (bound < ${BOUND_MS} ms)`);
console.log(`  matcher alone, raw 1 MiB title+lede ${med('raw').toFixed(2).padStart(8)} ms/article   (bound < ${BOUND_MS} ms)`);
console.log(`  ordinary corpus article, same path  ${med('ordinary').toFixed(2).padStart(8)} ms/article   (hostile / ordinary ${ratio.toFixed(1)}×)`);
console.log(`  extra heap, peak over the rounds    ${peakExtra.toFixed(1).padStart(8)} MB           (bound < ${BOUND_HEAP_MB} MB)`);
console.log(`  ${ok ? 'within bounds' : 'OUT OF BOUNDS'}`);
if (!ok) process.exitCode = 1;
