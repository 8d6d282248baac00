import { readFile } from 'node:fs/promises';
import type { PeacewatchConfig } from '../config/config-types.js';
import { createClassifier } from '../pipeline/classifier.js';
import { bcubed, type BCubed } from '../stories/bcubed.js';
import { scoreByLanguage, scoreDecisions, type LabelledDecision, type PrfScores } from './relevance-metrics.js';

/**
 * The two parts of the corpus, fixed once in the file (`part`): `tuning` is what the pack
 * and the scoring may be changed against; `frozen` is only measured, never read for errors.
 */
export type CorpusPart = 'tuning' | 'frozen';
export const CORPUS_PARTS: readonly CorpusPart[] = ['tuning', 'frozen'];

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
  /** Labelled on a subset of relevant items: the kind of event and its urgency. */
  kind?: string;
  urgency?: string;
  /** Absent in corpora that have no split: those count as tuning. */
  part?: CorpusPart;
}

export interface LabelAccuracy {
  /** Labelled items the classifier judged relevant (the others have no kind to compare). */
  items: number;
  kindCorrect: number;
  kindAccuracy: number;
  /** Predicted flash among labelled items, and how many of them are labelled flash. */
  flashPredicted: number;
  flashCorrect: number;
  flashPrecision: number;
  flashLabelled: number;
}

export interface CorpusEvaluation {
  overall: PrfScores;
  byLanguage: Map<string, PrfScores>;
  /** Story clustering of the relevant items (gold stories vs predicted story ids). */
  stories: BCubed;
  /** Kind and urgency on the labelled subset, when the classifier reports them. */
  labels: LabelAccuracy;
  /** Items the classifier got wrong, for reading. */
  errors: Array<{ id: string; expected: boolean; title: string }>;
  /** Labelled items whose kind or urgency came out otherwise, for reading. */
  labelErrors: Array<{ id: string; expected: string; predicted: string; title: string }>;
}

export async function readCorpus(path: string): Promise<LabelledItem[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledItem);
}

export const partOf = (item: LabelledItem): CorpusPart => item.part ?? 'tuning';

/**
 * Runs the corpus through `classify`'s code path in publication order (as a poller would
 * see it) and scores relevance per language, story clustering with B-cubed, and kind and
 * urgency on the labelled subset. One part is evaluated alone: its stories are clustered
 * among its own items.
 */
export async function evaluateCorpus(config: PeacewatchConfig, items: readonly LabelledItem[]): Promise<CorpusEvaluation> {
  const classifier = await createClassifier(config);
  const ordered = [...items].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
  const decisions: LabelledDecision[] = [];
  const predictedStory = new Map<string, string>();
  const goldStory = new Map<string, string>();
  const errors: CorpusEvaluation['errors'] = [];
  const labelErrors: CorpusEvaluation['labelErrors'] = [];
  const labels = { items: 0, kindCorrect: 0, flashPredicted: 0, flashCorrect: 0, flashLabelled: 0 };
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
      if (item.kind && item.urgency) {
        if (item.urgency === 'flash') labels.flashLabelled++;
        if (verdict.relevant && verdict.kind && verdict.urgency) {
          labels.items++;
          if (verdict.kind === item.kind) labels.kindCorrect++;
          if (verdict.urgency === 'flash') {
            labels.flashPredicted++;
            if (item.urgency === 'flash') labels.flashCorrect++;
          }
          if (verdict.kind !== item.kind || verdict.urgency !== item.urgency) {
            labelErrors.push({
              id: item.id,
              expected: `${item.kind}/${item.urgency}`,
              predicted: `${verdict.kind}/${verdict.urgency}`,
              title: item.title || item.summary.slice(0, 80),
            });
          }
        }
      }
    }
  } finally {
    await classifier.close();
  }
  return {
    overall: scoreDecisions(decisions),
    byLanguage: scoreByLanguage(decisions),
    stories: bcubed(predictedStory, goldStory),
    labels: {
      ...labels,
      kindAccuracy: labels.items === 0 ? 0 : labels.kindCorrect / labels.items,
      // No flash predicted: vacuously precise, as with relevance.
      flashPrecision: labels.flashPredicted === 0 ? 1 : labels.flashCorrect / labels.flashPredicted,
    },
    errors,
    labelErrors,
  };
}
