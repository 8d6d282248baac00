/**
 * Runs async read-modify-write steps one at a time, so index keys (subscriptions,
 * outbox) are never overwritten by an interleaved writer in this process.
 */
export function createSerialQueue(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(step: () => Promise<T>) => {
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}
