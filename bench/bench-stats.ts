/** Small helpers for benchmarks: medians over repeated runs, in one process, against a baseline. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const formatRate = (n: number) => Math.round(n).toLocaleString('en-US');
