/**
 * Keeps a flood from becoming a flood of log lines: 60,000 forged requests must not write
 * 60,000 warnings. Each kind of line (a key) may be written `burst` times per window; the
 * rest are counted, and the next line written for that key carries the count.
 */
export interface LogThrottle {
  /** Undefined: hold the line back. A number: write it, noting how many were held back before it. */
  admit(key: string): number | undefined;
}

export interface LogThrottleOptions {
  burst: number;
  windowMs: number;
  now: () => number;
  /** Distinct keys remembered; beyond it the oldest is forgotten, so keys chosen by an attacker cannot grow the map. */
  maxKeys?: number;
}

export function createLogThrottle(opts: LogThrottleOptions): LogThrottle {
  const maxKeys = opts.maxKeys ?? 100;
  const windows = new Map<string, { start: number; written: number; held: number }>();
  return {
    admit(key) {
      const now = opts.now();
      let w = windows.get(key);
      if (!w || now - w.start >= opts.windowMs) {
        const held = w?.held ?? 0;
        windows.delete(key);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        windows.set(key, { start: now, written: 1, held: 0 });
        return held;
      }
      if (w.written < opts.burst) {
        w.written++;
        const held = w.held;
        w.held = 0;
        return held;
      }
      w.held++;
      return undefined;
    },
  };
}
