/**
 * A real loopback HTTP server that plays feed publishers, good and bad: status codes, caching
 * headers, gzip, slow or endless bodies, redirects. It records every request so tests can assert
 * on the wire (User-Agent, If-None-Match, …).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedRoute {
  /** Default 200 (302 with redirectTo). */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Wait this long before sending the status line. */
  delayMs?: number;
  /** Send the body gzip-compressed with Content-Encoding: gzip. */
  gzip?: boolean;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length). */
  chunked?: boolean;
  /** After the headers, write `chunk` every `intervalMs`, `count` times (Infinity = until closed), chunked. */
  slowBody?: { chunk: string | Uint8Array; intervalMs: number; count: number };
  /** A path on this server or an absolute URL, sent as Location. */
  redirectTo?: string;
}

export type RouteHandler = FeedRoute | ((req: RecordedRequest) => FeedRoute);

export interface FeedServer {
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  requests: RecordedRequest[];
  /** Requests made to one path. */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFeedServer(routes: Record<string, RouteHandler>): Promise<FeedServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = createServer((req, res) => {
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
    requests.push(recorded);
    const handler = routes[recorded.path.split('?')[0] ?? '/'] ?? routes[recorded.path];
    const route: FeedRoute =
      handler === undefined ? { status: 404, body: 'not found' } : typeof handler === 'function' ? handler(recorded) : handler;
    const respond = (): void => send(res, route, later);
    if (route.delayMs) later(route.delayMs, respond);
    else respond();
  });
  server.keepAliveTimeout = 500;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: (path) => `${base}${path}`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, route: FeedRoute, later: (ms: number, fn: () => void) => void): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...route.headers };
  if (route.redirectTo !== undefined) headers['location'] = route.redirectTo;
  const status = route.status ?? (route.redirectTo !== undefined ? 302 : 200);

  if (route.slowBody) {
    const { chunk, intervalMs, count } = route.slowBody;
    res.writeHead(status, headers); // no Content-Length: Node sends it chunked
    res.flushHeaders();
    let sent = 0;
    const tick = (): void => {
      if (res.destroyed) return;
      if (sent >= count) {
        res.end();
        return;
      }
      sent++;
      res.write(chunk);
      later(intervalMs, tick);
    };
    tick();
    return;
  }

  let body: Uint8Array = typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : (route.body ?? new Uint8Array(0));
  if (route.gzip) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  if (route.chunked) {
    res.writeHead(status, headers);
    // Two writes so the body really goes out in chunks.
    const half = Math.floor(body.byteLength / 2);
    res.write(body.subarray(0, half));
    res.end(body.subarray(half));
    return;
  }
  headers['content-length'] ??= String(body.byteLength);
  res.writeHead(status, headers);
  res.end(status === 304 ? undefined : body);
}
