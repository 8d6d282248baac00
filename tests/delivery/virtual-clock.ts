/**
 * Simulated time for delivery tests and the benchmark: `sleep` parks the caller, and
 * once everything else has settled (a few event-loop turns with no new sleeper) the
 * clock jumps to the earliest wake-up. Concurrent channel workers keep their own pace,
 * and a 20-second schedule runs in milliseconds.
 */
export interface VirtualClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Moves time forward by hand (between rounds of a test). */
  advance(ms: number): void;
  /** Moves time to `at` if it is later. */
  advanceTo(at: number): void;
}

const QUIET_TURNS = 3;

export function createVirtualClock(start: number): VirtualClock {
  let t = start;
  let quiet = 0;
  let ticking = false;
  const sleepers: Array<{ at: number; wake: () => void }> = [];

  const tick = () => {
    if (sleepers.length === 0) {
      ticking = false;
      return;
    }
    if (quiet < QUIET_TURNS) {
      quiet++;
      setImmediate(tick);
      return;
    }
    sleepers.sort((a, b) => a.at - b.at);
    const at = sleepers[0]!.at;
    t = Math.max(t, at);
    const woken = sleepers.filter((s) => s.at <= t);
    sleepers.splice(0, woken.length);
    quiet = 0;
    for (const s of woken) s.wake();
    setImmediate(tick);
  };

  return {
    now: () => t,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        const onAbort = () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        };
        const sleeper = {
          at: t + Math.max(0, ms),
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', onAbort, { once: true });
        quiet = 0;
        if (!ticking) {
          ticking = true;
          setImmediate(tick);
        }
      });
    },
    advance(ms) {
      t += ms;
    },
    advanceTo(at) {
      t = Math.max(t, at);
    },
  };
}
