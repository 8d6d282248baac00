/**
 * "Did you mean …" for mistyped topic ids. Levenshtein distance on code points, written
 * out because the inputs are tiny; input is cut to MAX_INPUT so a pasted essay cannot
 * make it quadratic in anything large.
 */
const MAX_INPUT = 64;

export function editDistance(a: string, b: string): number {
  const s = [...a.slice(0, MAX_INPUT * 2)].slice(0, MAX_INPUT);
  const t = [...b.slice(0, MAX_INPUT * 2)].slice(0, MAX_INPUT);
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[t.length]!;
}

/** Up to `limit` names close to `input` (case-insensitive), closest first; a name containing the input counts as close. */
export function closestNames(input: string, names: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase().slice(0, MAX_INPUT);
  if (needle === '') return [];
  const threshold = Math.max(2, Math.floor([...needle].length / 3));
  return [...new Set(names)]
    .map((name) => {
      const hay = name.toLowerCase();
      const distance = needle.length >= 3 && hay.includes(needle) ? 0.5 : editDistance(needle, hay);
      return { name, distance };
    })
    .filter((c) => c.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}
