/**
 * B-cubed precision and recall (Bagga & Baldwin 1998; Amigó et al. 2009): for each item,
 * precision is the share of its predicted cluster that shares its gold cluster, recall the
 * share of its gold cluster that shares its predicted cluster; both averaged over items.
 * Unlike pairwise counts, a big story does not drown out the small ones.
 */
export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  /** Items scored: those present in both maps. */
  items: number;
}

export function bcubed<C>(predicted: ReadonlyMap<string, C>, gold: ReadonlyMap<string, C>): BCubed {
  const ids = [...gold.keys()].filter((id) => predicted.has(id));
  if (ids.length === 0) return { precision: 0, recall: 0, f1: 0, items: 0 };
  const byPredicted = groupBy(ids, (id) => predicted.get(id)!);
  const byGold = groupBy(ids, (id) => gold.get(id)!);
  let precision = 0;
  let recall = 0;
  for (const id of ids) {
    const p = byPredicted.get(predicted.get(id)!)!;
    const g = byGold.get(gold.get(id)!)!;
    const both = p.filter((other) => gold.get(other) === gold.get(id)).length;
    precision += both / p.length;
    recall += both / g.length;
  }
  precision /= ids.length;
  recall /= ids.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, items: ids.length };
}

function groupBy<C>(ids: readonly string[], key: (id: string) => C): Map<C, string[]> {
  const out = new Map<C, string[]>();
  for (const id of ids) {
    const k = key(id);
    const list = out.get(k);
    if (list) list.push(id);
    else out.set(k, [id]);
  }
  return out;
}
