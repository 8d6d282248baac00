import type { SourceLabel } from './source-label.js';

/** A feed as configured (config/default.yaml → feeds). */
export interface FeedConfig {
  /** Short stable id, used as the key of the feed's state in the store. */
  id: string;
  name: string;
  url: string;
  /** Language hint (ISO 639-1), used when items do not say. */
  language?: string;
  /** Minimum minutes between two polls of this feed. */
  intervalMinutes: number;
  /** What kind of outlet this is and where it is based; shown with every report of it. */
  label?: SourceLabel;
}

export type FeedHealth = 'new' | 'ok' | 'failing';

/** What peacewatch remembers about a feed between polls and restarts. */
export interface FeedState {
  health: FeedHealth;
  etag?: string;
  lastModified?: string;
  /** Hash of the last 200 body; the same body again is not parsed. */
  bodyHash?: string;
  /** Epoch ms of the last attempt and the last success. */
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  /** Epoch ms before which the feed is not polled again (interval, max-age, Retry-After, <ttl>, backoff). */
  nextPollAt?: number;
  consecutiveFailures: number;
  lastError?: { kind: string; message: string; at: number };
  /** True once the first successful fetch has been recorded (first-fetch window applied). */
  initialized: boolean;
}

export const emptyFeedState = (): FeedState => ({ health: 'new', consecutiveFailures: 0, initialized: false });
