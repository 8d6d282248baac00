import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { PeacewatchConfig } from '../config/config-types.js';
import { evaluateCorpus, readCorpus } from '../evaluation/evaluate-corpus.js';
import type { PrfScores } from '../evaluation/relevance-metrics.js';

const DEFAULT_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/relevance/corpus.jsonl');

/** `eval`: precision, recall and F1 per language and overall, and story B-cubed, on a labelled corpus. */
export async function runEvalCommand(opts: { config: PeacewatchConfig; corpusPath?: string; out: Writable }): Promise<number> {
  const corpusPath = opts.corpusPath ?? DEFAULT_CORPUS;
  const items = await readCorpus(corpusPath);
  const result = await evaluateCorpus(opts.config, items);
  const row = (label: string, s: PrfScores) =>
    `${label.padEnd(9)}${String(s.items).padStart(6)}${fmt(s.precision)}${fmt(s.recall)}${fmt(s.f1)}   tp ${s.truePositives} fp ${s.falsePositives} fn ${s.falseNegatives}`;
  const lines = [
    `corpus: ${path.relative(process.cwd(), corpusPath) || corpusPath} (${items.length} items)`,
    '',
    'language  items precision  recall      F1',
    ...[...result.byLanguage].map(([lang, s]) => row(lang, s)),
    row('overall', result.overall),
    '',
    `stories (B-cubed over relevant items): precision ${result.stories.precision.toFixed(3)} · recall ${result.stories.recall.toFixed(3)} · F1 ${result.stories.f1.toFixed(3)}`,
  ];
  if (result.errors.length > 0) {
    lines.push('', 'misclassified:');
    for (const e of result.errors) lines.push(`  ${e.expected ? 'missed' : 'false alarm'}  ${e.id}  ${e.title}`);
  }
  opts.out.write(`${lines.join('\n')}\n`);
  return 0;
}

const fmt = (x: number) => x.toFixed(3).padStart(10);
