import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { evaluateCorpus, readCorpus, type CorpusEvaluation, type LabelledItem } from '../../src/evaluation/evaluate-corpus.js';
import { PROJECT_ROOT } from '../cli/run-cli.js';

// The floors of the relevance issue, on the labelled corpus (npm run eval prints the details).
const FLOORS = { precision: 0.95, recall: 0.95, storyF1: 0.9 };

let items: LabelledItem[];
let result: CorpusEvaluation;

beforeAll(async () => {
  const config = await loadConfig(path.join(PROJECT_ROOT, 'config/default.yaml'));
  items = await readCorpus(path.join(PROJECT_ROOT, 'tests/fixtures/relevance/corpus.jsonl'));
  result = await evaluateCorpus(config, items);
}, 60_000);

describe('relevance on the labelled corpus', () => {
  it('is a corpus worth measuring: 250+ items, 7+ languages, 40%+ negatives', () => {
    expect(items.length).toBeGreaterThanOrEqual(250);
    expect(new Set(items.map((i) => i.language)).size).toBeGreaterThanOrEqual(7);
    expect(items.filter((i) => !i.relevant).length / items.length).toBeGreaterThanOrEqual(0.4);
  });

  it(`keeps precision ≥ ${FLOORS.precision} and recall ≥ ${FLOORS.recall}`, () => {
    expect(result.overall.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(result.overall.recall).toBeGreaterThanOrEqual(FLOORS.recall);
  });

  it(`clusters stories with B-cubed F1 ≥ ${FLOORS.storyF1}`, () => {
    expect(result.stories.f1).toBeGreaterThanOrEqual(FLOORS.storyF1);
  });
});
