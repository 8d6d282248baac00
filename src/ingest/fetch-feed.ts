import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { STATUS_CODES } from 'node:http';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch } from 'undici';
import { AddressPolicyError, createAddressPolicy, type AddressPolicy } from './address-policy.js';
import type { FeedError, FetchOptions, PollHints } from './feed-outcome.js';

/** What the HTTP edge hands to decoding: bytes and headers, or a classified failure. */
export type RawFetchOutcome =
  | {
      kind: 'ok';
      status: number;
      finalUrl: string;
      contentType?: string;
      /** The Link header (WebSub hub discovery). */
      link?: string;
      /** Decompressed body, at most maxBodyBytes. */
      body: Uint8Array;
      hints: PollHints;
    }
  | { kind: 'not-modified'; status: 304; finalUrl: string; hints: PollHints }
  | { kind: 'failed'; error: FeedError };

export interface ConditionalHeaders {
  etag?: string;
  lastModified?: string;
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The socket's DNS lookup, keeping only addresses the policy allows: a name resolving to 127.0.0.1 connects nowhere. */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const allowed = addresses.filter((a) => policy.refusal(a.address) === undefined);
      const first = allowed[0];
      if (first === undefined) {
        const why = addresses[0] === undefined ? 'no address' : policy.refusal(addresses[0].address);
        return callback(new AddressPolicyError(`refused ${hostname}: ${why}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * undici's own connector with two checks: an IP literal is judged before connecting, a name
 * by the lookup above; and the peer the socket reached is judged again once it connects.
 */
function checkingConnector(policy: AddressPolicy, connectTimeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: checkedLookup(policy) });
  return (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/gu, '');
    const literal = isIP(host) !== 0 ? policy.refusal(host) : undefined;
    if (literal !== undefined) return callback(new AddressPolicyError(`refused ${host}: ${literal}`), null);
    connect(opts, (err, socket) => {
      if (err !== null) return callback(err, null);
      const peer = socket.remoteAddress;
      const why = peer === undefined ? undefined : policy.refusal(peer);
      if (why === undefined) return callback(null, socket);
      socket.destroy();
      callback(new AddressPolicyError(`refused ${host}: ${why}`), null);
    });
  };
}

// One keep-alive pool per connect timeout and allowance, shared by every feed (one per config in practice).
const agents = new Map<string, Agent>();
function agentFor(options: FetchOptions): Agent {
  const allow = options.allowPrivateNetworks ?? [];
  const key = `${options.connectTimeoutMs}|${allow.join(',')}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    agent = new Agent({ connect: checkingConnector(createAddressPolicy(allow), options.connectTimeoutMs) });
    agents.set(key, agent);
  }
  return agent;
}

function parseHttpUrl(raw: string, base?: string): URL | undefined {
  try {
    const url = new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After as ms from the response: delta-seconds, or an HTTP date measured against the server's own Date. */
export function parseRetryAfter(value: string | null, serverDate: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  // The server's Date cancels clock skew between it and us.
  const server = serverDate === null ? Number.NaN : Date.parse(serverDate);
  return Math.max(0, at - (Number.isNaN(server) ? now : server));
}

function readHints(headers: Headers, now: number): PollHints {
  const hints: PollHints = {};
  const etag = headers.get('etag');
  if (etag) hints.etag = etag;
  const lastModified = headers.get('last-modified');
  if (lastModified) hints.lastModified = lastModified;
  const maxAge = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(headers.get('cache-control') ?? '');
  if (maxAge?.[1] !== undefined) hints.maxAgeMs = Number(maxAge[1]) * 1000;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), headers.get('date'), now);
  if (retryAfterMs !== undefined) hints.retryAfterMs = retryAfterMs;
  return hints;
}

function requestHeaders(conditional: ConditionalHeaders, options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  // Send both validators; the server gives If-None-Match precedence (RFC 9110 §13.2.2).
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
  return headers;
}

type BodyStream = ReadableStream<Uint8Array>;

/** Read the body, giving up as soon as it passes the cap (a gzip bomb never gets inflated in full). */
async function readCapped(body: BodyStream | null, cap: number): Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

const discard = async (body: BodyStream | null): Promise<void> => {
  await body?.cancel().catch(() => undefined);
};

const failed = (error: FeedError): RawFetchOutcome => ({ kind: 'failed', error });

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and its causes (undici wraps the socket error in `TypeError: fetch failed`). */
function causeChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && chain.length < 10) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object') continue;
    const el = e as ErrorLike;
    chain.push(el);
    if (el.cause !== undefined) queue.push(el.cause);
    if (Array.isArray(el.errors)) queue.push(...(el.errors as unknown[]));
  }
  return chain;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const TLS_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'EPROTO', 'HOSTNAME_MISMATCH']);
const isTlsCode = (code: string): boolean =>
  TLS_CODES.has(code) || /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|ERR_OSSL_)/.test(code);

/** Sort a thrown transport error into one FeedError kind, once, keeping the original as `cause`. */
export function classifyFetchError(err: unknown, totalTimeoutMs?: number): FeedError {
  const chain = causeChain(err);
  const withCode = chain.find((e) => typeof e.code === 'string');
  const code = typeof withCode?.code === 'string' ? withCode.code : '';
  const innermost = chain[chain.length - 1];
  const detail = typeof (withCode ?? innermost)?.message === 'string' ? String((withCode ?? innermost)?.message) : String(err);

  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError')) {
    const after = totalTimeoutMs === undefined ? '' : ` after ${totalTimeoutMs} ms`;
    return { kind: 'timeout', message: `fetch: timed out${after}`, cause: err };
  }
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', message: `fetch: timed out (${code}): ${detail}`, cause: err };
  if (DNS_CODES.has(code)) return { kind: 'dns', message: `fetch: DNS lookup failed (${code}): ${detail}`, cause: err };
  if (isTlsCode(code)) return { kind: 'tls', message: `fetch: TLS failed (${code}): ${detail}`, cause: err };
  const label = code === '' ? '' : ` (${code})`;
  return { kind: 'connection', message: `fetch: connection failed${label}: ${detail}`, cause: err };
}

function statusError(status: number, statusText: string, hints: PollHints): FeedError {
  const text = statusText || STATUS_CODES[status] || '';
  const error: FeedError = { kind: 'http-status', status, message: `fetch: HTTP ${status}${text ? ` ${text}` : ''}` };
  if ((status === 429 || status === 503) && hints.retryAfterMs !== undefined) error.retryAfterMs = hints.retryAfterMs;
  return error;
}

/**
 * GET a feed: conditional headers, redirects followed by hand (loops detected), a body cap
 * enforced while streaming, and one total deadline covering connect, headers and body.
 * `now` only serves Retry-After dates when the server sends no Date header.
 */
export async function fetchFeed(
  url: string,
  conditional: ConditionalHeaders,
  options: FetchOptions,
  now: number = Date.now(),
): Promise<RawFetchOutcome> {
  const first = parseHttpUrl(url.trim());
  if (first === undefined) return failed({ kind: 'bad-url', message: `fetch: not an http(s) URL: ${JSON.stringify(url)}` });

  const signal = AbortSignal.timeout(options.totalTimeoutMs);
  // Every hop below, redirects included, connects through this dispatcher and so through the address policy.
  const dispatcher = agentFor(options);
  const headers = requestHeaders(conditional, options);
  const visited = new Set<string>();
  let current = first.href;
  try {
    for (let hop = 0; ; hop++) {
      visited.add(current);
      const res = await fetch(current, { headers, redirect: 'manual', signal, dispatcher });
      const hints = readHints(res.headers as unknown as Headers, now);
      const body = res.body as BodyStream | null;

      if (REDIRECT_STATUSES.has(res.status)) {
        await discard(body);
        const location = res.headers.get('location');
        if (!location) return failed(statusError(res.status, res.statusText, hints));
        const next = parseHttpUrl(location, current);
        if (next === undefined) {
          return failed({ kind: 'bad-url', message: `fetch: redirected to a non-http(s) URL: ${JSON.stringify(location)}` });
        }
        if (visited.has(next.href)) {
          return failed({ kind: 'too-many-redirects', message: `fetch: redirect loop back to ${next.href}` });
        }
        if (hop >= options.maxRedirects) {
          return failed({ kind: 'too-many-redirects', message: `fetch: more than ${options.maxRedirects} redirects` });
        }
        current = next.href;
        continue;
      }
      if (res.status === 304) {
        await discard(body);
        return { kind: 'not-modified', status: 304, finalUrl: current, hints };
      }
      if (res.status < 200 || res.status > 299) {
        await discard(body);
        return failed(statusError(res.status, res.statusText, hints));
      }

      const tooLarge: FeedError = {
        kind: 'too-large',
        message: `fetch: body larger than ${options.maxBodyBytes} bytes`,
      };
      // Content-Length counts compressed bytes, so it only proves too-large for an identity body.
      const encoding = (res.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
      const declared = Number(res.headers.get('content-length') ?? Number.NaN);
      if (encoding === 'identity' && declared > options.maxBodyBytes) {
        await discard(body);
        return failed(tooLarge);
      }
      const bytes = await readCapped(body, options.maxBodyBytes);
      if (bytes === undefined) return failed(tooLarge);
      const contentType = res.headers.get('content-type');
      const link = res.headers.get('link');
      return {
        kind: 'ok',
        status: res.status,
        finalUrl: current,
        ...(contentType === null ? {} : { contentType }),
        ...(link === null ? {} : { link }),
        body: bytes,
        hints,
      };
    }
  } catch (err) {
    return failed(classifyFetchError(err, options.totalTimeoutMs));
  }
}
