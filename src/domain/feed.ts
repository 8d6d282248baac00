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
  /** The interval chosen after the last success, and why (shown by `status`), e.g. "learned: 40 items in 6 h". */
  pollIntervalMs?: number;
  pollReason?: string;
  /** Publication times (epoch ms, newest first, at most 64) of the last parsed body: the rate adaptive polling learns from. */
  publishedTimes?: number[];
  /** The feed's own <ttl> or sy:updatePeriod in ms, kept for polls that do not parse (304, same body). */
  publisherTtlMs?: number;
  /** WebSub hubs and topic the feed named at its last parse (Link header or atom:link rel="hub"). */
  websub?: { hubs: string[]; topic: string };
  consecutiveFailures: number;
  lastError?: { kind: string; message: string; at: number };
  /** True once the first successful fetch has been recorded (first-fetch window applied). */
  initialized: boolean;
}

/** A poll interval for people: "6 min", "2 h", "7 days". */
export const formatInterval = (ms: number): string => {
  const min = ms / 60_000;
  if (min < 90) return `${Math.max(1, Math.round(min))} min`;
  const h = min / 60;
  return h < 48 ? `${Math.round(h * 10) / 10} h` : `${Math.round(h / 24)} days`;
};

export const emptyFeedState = (): FeedState => ({ health: 'new', consecutiveFailures: 0, initialized: false });
