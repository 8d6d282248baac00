/** Small helpers for benchmarks: medians over repeated runs, in one process, against a baseline. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times after one warm-up and returns the per-run wall times in ms. */
export function timeRuns(runs: number, fn: () => void): number[] {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export const formatRate = (n: number) => Math.round(n).toLocaleString('en-US');
