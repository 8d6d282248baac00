import { describe, expect, it } from 'vitest';
import { createLogThrottle } from '../src/log-throttle.js';

describe('createLogThrottle', () => {
  it('writes a burst per window, holds the rest back, and reports the count with the next line written', () => {
    let now = 0;
    const throttle = createLogThrottle({ burst: 2, windowMs: 1_000, now: () => now });
    const admitted = Array.from({ length: 10 }, () => throttle.admit('forged'));
    expect(admitted).toEqual([0, 0, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(throttle.admit('other')).toBe(0);
    now = 1_000;
    expect(throttle.admit('forged')).toBe(8);
    expect(throttle.admit('forged')).toBe(0);
  });

  it('remembers a bounded number of keys', () => {
    const throttle = createLogThrottle({ burst: 1, windowMs: 1_000, now: () => 0, maxKeys: 2 });
    throttle.admit('a');
    expect(throttle.admit('a')).toBeUndefined();
    throttle.admit('b');
    throttle.admit('c');
    // "a" was forgotten, so it is admitted again rather than the map growing.
    expect(throttle.admit('a')).toBe(0);
  });
});
