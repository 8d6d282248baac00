// The ops listener: /healthz, /readyz, /metrics on its own port (OPS_PORT, default 9464, the
// port Prometheus assigns to Node exporters), bound to loopback unless OPS_HOST says otherwise.
// Its own port, not Slack's: Slack's receiver is public by necessity, metrics should not be.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Readiness } from './readiness.js';

/** The port is taken or not ours to bind: a local mistake, reported in one line (exit 2). */
export class OpsListenError extends Error {}

export interface OpsServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port (tests); the bound port is logged and returned. */
  port: number;
  registry: Registry;
  readiness: () => Promise<Readiness>;
  log: Logger;
}

/** A port in use is a local mistake worth failing on (like Slack's receiver port): this rejects. */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const server = createServer((req, res) => {
    handle(req, res, opts).catch((err: unknown) => {
      opts.log.error({ err, path: req.url }, 'ops: request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  // Probes are tiny GETs: a client that dawdles is dropped rather than held.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new OpsListenError(`ops listener: cannot listen on ${opts.host}:${opts.port} (${err.code}); set OPS_PORT to a free port, or OPS_PORT=off`)
          : err,
      ),
    );
    server.listen(opts.port, opts.host, () => {
      server.removeAllListeners('error');
      server.on('error', (err) => opts.log.error({ err }, 'ops: listener error'));
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  opts.log.info({ host: opts.host, port, paths: ['/healthz', '/readyz', '/metrics'] }, 'ops: listening');
  return {
    host: opts.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, opts: OpsServerOptions): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }
  const path = (req.url ?? '/').split('?')[0];
  switch (path) {
    case '/healthz':
      return send(res, 200, 'application/json', '{"status":"ok"}\n');
    case '/readyz': {
      const r = await opts.readiness();
      return send(res, r.ready ? 200 : 503, 'application/json', `${JSON.stringify({ status: r.ready ? 'ready' : 'not ready', ...r })}\n`);
    }
    case '/metrics':
      return send(res, 200, opts.registry.contentType, await opts.registry.metrics());
    default:
      return send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz, /readyz or /metrics\n');
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
