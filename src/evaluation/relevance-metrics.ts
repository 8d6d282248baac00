/** Precision, recall and F1 of binary relevance decisions, overall and per language. */
export interface LabelledDecision {
  language: string;
  expected: boolean;
  predicted: boolean;
}

export interface PrfScores {
  items: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scoreDecisions(decisions: readonly LabelledDecision[]): PrfScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const d of decisions) {
    if (d.predicted && d.expected) tp++;
    else if (d.predicted) fp++;
    else if (d.expected) fn++;
  }
  // With nothing predicted (or nothing to find), the measure is vacuously perfect.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { items: decisions.length, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

export function scoreByLanguage(decisions: readonly LabelledDecision[]): Map<string, PrfScores> {
  const byLanguage = new Map<string, LabelledDecision[]>();
  for (const d of decisions) byLanguage.set(d.language, [...(byLanguage.get(d.language) ?? []), d]);
  return new Map([...byLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([lang, ds]) => [lang, scoreDecisions(ds)]));
}
