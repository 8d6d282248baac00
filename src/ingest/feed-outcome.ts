import type { Article } from '../domain/article.js';
import type { CharsetSource } from './decode-charset.js';
import type { WebSubLinks } from './websub-discovery.js';

/** Failures of one feed poll, classified once at the HTTP edge. */
export type FeedErrorKind =
  | 'bad-url'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'connection'
  | 'http-status'
  | 'too-large'
  | 'too-many-redirects'
  | 'not-a-feed'
  | 'malformed-xml'
  | 'malformed-json';

export interface FeedError {
  kind: FeedErrorKind;
  /** One line for a log or a `status` reply, prefixed by the stage, e.g. "fetch: HTTP 503 Service Unavailable". */
  message: string;
  /** HTTP status when kind is http-status. */
  status?: number;
  /** From Retry-After on 429/503, in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Caching hints gathered from one response; each is a floor for the next poll. */
export interface PollHints {
  etag?: string;
  lastModified?: string;
  /** Cache-Control max-age, in ms. */
  maxAgeMs?: number;
  /** Retry-After (on a success or 304 too), in ms. */
  retryAfterMs?: number;
  /** The feed's <ttl> (RSS, minutes) or sy:updatePeriod, in ms. */
  ttlMs?: number;
  /** Hash of the response body (200 only), remembered to skip parsing an unchanged body next time. */
  bodyHash?: string;
}

/** What the poller remembers of a feed's last response, sent back with the next poll. */
export interface PollMemory {
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
}

/** Why a poll found nothing new: the server said 304, or it sent the very body it sent last time. */
export type UnchangedReason = 'http-304' | 'same-body';

export type FeedPollOutcome =
  | {
      kind: 'ok';
      status: number;
      /** Final URL after redirects. */
      finalUrl: string;
      /** Charset used to decode the body and where it came from. */
      charset: string;
      charsetSource: CharsetSource;
      feedTitle?: string;
      feedLanguage?: string;
      /** The WebSub hubs and topic the publisher names, when it names a hub. */
      websub?: WebSubLinks;
      articles: Article[];
      hints: PollHints;
      bytes: number;
    }
  | { kind: 'not-modified'; status: number; reason: UnchangedReason; finalUrl: string; hints: PollHints }
  | { kind: 'failed'; error: FeedError };

export interface FetchOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Whole request including the body. */
  totalTimeoutMs: number;
  /** Decompressed body cap. */
  maxBodyBytes: number;
  maxRedirects: number;
  /**
   * Addresses or CIDRs of private networks feeds may be fetched from ("10.0.0.5", "192.168.0.0/16");
   * loopback, link-local, private and unique-local addresses are refused otherwise.
   */
  allowPrivateNetworks?: readonly string[];
}
