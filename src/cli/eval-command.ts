import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { PeacewatchConfig } from '../config/config-types.js';
import { CORPUS_PARTS, evaluateCorpus, partOf, readCorpus, type CorpusEvaluation } from '../evaluation/evaluate-corpus.js';
import type { PrfScores } from '../evaluation/relevance-metrics.js';

const DEFAULT_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/relevance/corpus.jsonl');

/**
 * `eval`: per part of the corpus (tuning, frozen), precision, recall and F1 per language and
 * overall, story B-cubed, and kind/urgency on the labelled subset. Misclassified items are
 * listed for the tuning part only: the frozen part is measured, never read for errors.
 */
export async function runEvalCommand(opts: { config: PeacewatchConfig; corpusPath?: string; out: Writable }): Promise<number> {
  const corpusPath = opts.corpusPath ?? DEFAULT_CORPUS;
  const items = await readCorpus(corpusPath);
  const lines = [`corpus: ${path.relative(process.cwd(), corpusPath) || corpusPath} (${items.length} items)`];
  for (const part of CORPUS_PARTS) {
    const partItems = items.filter((item) => partOf(item) === part);
    if (partItems.length === 0) continue;
    const result = await evaluateCorpus(opts.config, partItems);
    lines.push('', ...describePart(part, partItems.length, result));
  }
  opts.out.write(`${lines.join('\n')}\n`);
  return 0;
}

function describePart(part: string, count: number, result: CorpusEvaluation): string[] {
  const row = (label: string, s: PrfScores) =>
    `${label.padEnd(9)}${String(s.items).padStart(6)}${fmt(s.precision)}${fmt(s.recall)}${fmt(s.f1)}   tp ${s.truePositives} fp ${s.falsePositives} fn ${s.falseNegatives}`;
  const { labels } = result;
  const lines = [
    `== ${part} part (${count} items)`,
    'language  items precision  recall      F1',
    ...[...result.byLanguage].map(([lang, s]) => row(lang, s)),
    row('overall', result.overall),
    '',
    `stories (B-cubed over relevant items): precision ${result.stories.precision.toFixed(3)} · recall ${result.stories.recall.toFixed(3)} · F1 ${result.stories.f1.toFixed(3)}`,
    `kind and urgency (${labels.items} labelled items judged relevant): kind accuracy ${labels.kindAccuracy.toFixed(3)} · ` +
      `flash precision ${labels.flashPrecision.toFixed(3)} (${labels.flashCorrect}/${labels.flashPredicted}, ${labels.flashLabelled} labelled flash)`,
  ];
  if (part !== 'tuning') return lines;
  if (result.errors.length > 0) {
    lines.push('', 'misclassified:');
    for (const e of result.errors) lines.push(`  ${e.expected ? 'missed' : 'false alarm'}  ${e.id}  ${e.title}`);
  }
  if (result.labelErrors.length > 0) {
    lines.push('', 'kind/urgency (expected → predicted):');
    for (const e of result.labelErrors) lines.push(`  ${e.expected} → ${e.predicted}  ${e.id}  ${e.title}`);
  }
  return lines;
}

const fmt = (x: number) => x.toFixed(3).padStart(10);
