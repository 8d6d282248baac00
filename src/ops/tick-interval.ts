import cron from 'node-cron';

/**
 * The longest gap between consecutive ticks of a cron expression, over its next few runs
 * (an expression such as "0,5 * * * *" has uneven gaps; readiness must allow the longest).
 */
export async function tickIntervalMs(expression: string, runs = 6): Promise<number> {
  const task = cron.createTask(expression, () => undefined);
  try {
    const next = task.getNextRuns(runs).map((d) => d.getTime());
    let longest = 0;
    for (let i = 1; i < next.length; i++) longest = Math.max(longest, next[i]! - next[i - 1]!);
    return longest;
  } finally {
    await task.destroy();
  }
}
