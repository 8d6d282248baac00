/**
 * Relevance throughput: 10,000 articles through the matcher (full topic pack + 1,000 user
 * keywords, one token trie), against a naive baseline in the same process: one
 * case-insensitive RegExp per term, looped. Reports medians of repeated runs and the ratio.
 * One core: Node runs this on one thread.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load-config.js';
import type { Topic } from '../src/domain/topic.js';
import { createClassifier } from '../src/pipeline/classifier.js';
import { createTopicMatcher } from '../src/relevance/topic-matcher.js';
import { formatRate, median, timeRuns } from './bench-stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTICLES = 10_000;
const KEYWORDS = 1_000;
const RUNS = 5;
const BASELINE_RUNS = 3;
// The naive baseline is too slow for all 10,000 in reasonable time: it runs on a slice and
// its rate (articles/s) is compared, which is what the ratio is about.
const BASELINE_ARTICLES = 300;

interface CorpusItem {
  id: string;
  title: string;
  summary: string;
  url: string;
  published: string | null;
}

function loadArticles(): CorpusItem[] {
  const corpus = readFileSync(path.join(ROOT, 'tests/fixtures/relevance/corpus.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CorpusItem);
  // Vary each copy a little so nothing can be cached by identity.
  return Array.from({ length: ARTICLES }, (_, i) => {
    const item = corpus[i % corpus.length]!;
    // Spread over ~20 days so story windows hold realistic numbers of candidates.
    const published = new Date(Date.parse('2025-12-01T00:00:00Z') + i * 173_000).toISOString();
    return { id: `b${i}`, title: `${item.title} (${i})`, summary: `${item.summary} Ref ${i}.`, url: `${item.url}?n=${i}`, published };
  });
}

/** Plausible user keywords: words and bigrams from other news, none in the corpus on purpose. */
function makeKeywords(): string[] {
  const words = ['grain', 'corridor', 'tariff', 'pipeline', 'reactor', 'drone', 'sanction', 'summit', 'treaty', 'border'];
  return Array.from({ length: KEYWORDS }, (_, i) => `${words[i % words.length]} kw${i}`);
}

function allTerms(topics: readonly Topic[]): string[] {
  return topics.flatMap((t) => [
    ...t.actors.flatMap((a) => a.aliases),
    ...t.places.flatMap((p) => p.aliases),
    ...t.subjects.flatMap((s) => Object.values(s.terms).flat()),
    ...Object.values(t.context).flat(),
    ...Object.values(t.counter).flat(),
  ]);
}

/**
 * The naive approach: one case-insensitive RegExp per term, tried on every article. Kept in
 * its cheapest form (no letter-boundary lookarounds, which would make it ~4× slower still),
 * so the ratio is conservative.
 */
function compileBaseline(terms: string[]): RegExp[] {
  return terms.map((term) => new RegExp(term.replace(/\*$/u, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu'));
}

const config = await loadConfig(path.join(ROOT, 'config/default.yaml'));
const articles = loadArticles();
const keywords = makeKeywords();
const matcher = createTopicMatcher(config.topics, { keywords });
const terms = [...allTerms(config.topics), ...keywords];
const baseline = compileBaseline(terms);

let sink = 0;
const trieTimes = timeRuns(RUNS, () => {
  for (const a of articles) sink += matcher.match(a).topics.length;
});
const baselineSlice = articles.slice(0, BASELINE_ARTICLES);
const baselineTimes = timeRuns(BASELINE_RUNS, () => {
  for (const a of baselineSlice) {
    const text = `${a.title}\n${a.summary}`;
    for (const re of baseline) if (re.test(text)) sink++;
  }
});

// The whole classify path: match, language, summary, gist, story clustering (in-memory store).
const classifyTimes: number[] = [];
for (let run = 0; run < 3; run++) {
  const classifier = await createClassifier(config, { keywords });
  const start = process.hrtime.bigint();
  for (const a of articles) sink += (await classifier.classify(a, Date.parse(a.published!))).score;
  classifyTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  await classifier.close();
}

const trieRate = (ARTICLES / median(trieTimes)) * 1000;
const classifyRate = (ARTICLES / median(classifyTimes)) * 1000;
const baselineRate = (BASELINE_ARTICLES / median(baselineTimes)) * 1000;
console.log(`relevance benchmark: ${formatRate(ARTICLES)} articles, ${formatRate(terms.length)} terms (pack + ${KEYWORDS} keywords), Node ${process.version}`);
console.log(`  token trie (peacewatch)   ${formatRate(trieRate).padStart(9)} articles/s   median of ${RUNS}: ${median(trieTimes).toFixed(0)} ms`);
console.log(`  full classify path        ${formatRate(classifyRate).padStart(9)} articles/s   median of 3: ${median(classifyTimes).toFixed(0)} ms (match + language + summary + gist + stories)`);
console.log(`  RegExp per term (naive)   ${formatRate(baselineRate).padStart(9)} articles/s   median of ${BASELINE_RUNS} over ${BASELINE_ARTICLES} articles: ${median(baselineTimes).toFixed(0)} ms`);
console.log(`  ratio matcher / naive     ${(trieRate / baselineRate).toFixed(1)}×   ratio classify / naive ${(classifyRate / baselineRate).toFixed(1)}×   (targets: ≥ 10,000 articles/s, ≥ 10×)`);
if (sink < 0) console.log(sink);
