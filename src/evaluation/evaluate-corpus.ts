import { readFile } from 'node:fs/promises';
import type { PeacewatchConfig } from '../config/config-types.js';
import { createClassifier } from '../pipeline/classifier.js';
import { bcubed, type BCubed } from '../stories/bcubed.js';
import { scoreByLanguage, scoreDecisions, type LabelledDecision, type PrfScores } from './relevance-metrics.js';

/** One labelled item of tests/fixtures/relevance/corpus.jsonl. */
export interface LabelledItem {
  id: string;
  language: string;
  title: string;
  summary: string;
  url: string;
  published: string | null;
  relevant: boolean;
  story: string | null;
}

export interface CorpusEvaluation {
  overall: PrfScores;
  byLanguage: Map<string, PrfScores>;
  /** Story clustering of the relevant items (gold stories vs predicted story ids). */
  stories: BCubed;
  /** Items the classifier got wrong, for reading. */
  errors: Array<{ id: string; expected: boolean; title: string }>;
}

export async function readCorpus(path: string): Promise<LabelledItem[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledItem);
}

/**
 * Runs the corpus through `classify`'s code path in publication order (as a poller would
 * see it) and scores relevance per language and story clustering with B-cubed.
 */
export async function evaluateCorpus(config: PeacewatchConfig, items: readonly LabelledItem[]): Promise<CorpusEvaluation> {
  const classifier = await createClassifier(config);
  const ordered = [...items].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
  const decisions: LabelledDecision[] = [];
  const predictedStory = new Map<string, string>();
  const goldStory = new Map<string, string>();
  const errors: CorpusEvaluation['errors'] = [];
  try {
    for (const item of ordered) {
      const verdict = await classifier.classify(item, Date.parse(item.published ?? '') || Date.now());
      decisions.push({ language: item.language, expected: item.relevant, predicted: verdict.relevant });
      if (verdict.relevant !== item.relevant) errors.push({ id: item.id, expected: item.relevant, title: item.title });
      if (item.relevant && item.story) {
        goldStory.set(item.id, item.story);
        // A missed item is a cluster of its own: it costs recall, not precision.
        predictedStory.set(item.id, verdict.story ?? `missed:${item.id}`);
      }
    }
  } finally {
    await classifier.close();
  }
  return {
    overall: scoreDecisions(decisions),
    byLanguage: scoreByLanguage(decisions),
    stories: bcubed(predictedStory, goldStory),
    errors,
  };
}
