import type { ChannelRateLimit } from '../platforms/chat-adapter.js';

/**
 * A sliding-window limit: at most `messages` in any `perMs` window. Stricter than or
 * equal to the fixed buckets platforms use (Discord's 5 per 5 s reset window), so
 * traffic paced by it is never refused. Pure: time is passed in.
 */
export interface RateLimiter {
  /** Earliest time ≥ now at which one more message fits. */
  nextFreeAt(now: number): number;
  /** Counts a message sent at `at`. */
  record(at: number): void;
  /** Takes the next free slot ≥ now and counts it: for a limit that concurrent senders share. */
  reserve(now: number): number;
  /** Nothing fits before `until` (a 429's Retry-After). */
  blockUntil(until: number): void;
}

export function createRateLimiter(limit: ChannelRateLimit): RateLimiter {
  const messages = Math.max(1, Math.floor(limit.messages));
  // Times of the last `messages` sends, ascending.
  let log: number[] = [];
  let blockedUntil = 0;

  const nextFreeAt = (now: number) => {
    const at = Math.max(now, blockedUntil);
    if (log.length < messages) return at;
    return Math.max(at, log[log.length - messages]! + limit.perMs);
  };
  const record = (at: number) => {
    log.push(at);
    if (log.length > 1 && log[log.length - 2]! > at) log.sort((a, b) => a - b);
    if (log.length > messages) log = log.slice(-messages);
  };
  return {
    nextFreeAt,
    record,
    reserve(now) {
      const at = nextFreeAt(now);
      record(at);
      return at;
    },
    blockUntil(until) {
      blockedUntil = Math.max(blockedUntil, until);
    },
  };
}
