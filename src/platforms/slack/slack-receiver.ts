/**
 * The Slack HTTP receiver, bounded. Bolt's HTTPReceiver reads the whole body (raw-body,
 * no limit) before it checks the signature, so an unsigned 1 GB POST costs gigabytes.
 * This receiver owns the HTTP server and hands Bolt only requests that declare a body
 * within the limit: the length is checked from the headers, before a byte of the body is
 * read, and Node's parser never delivers more than Content-Length. A body without a
 * length (chunked) is refused: Slack always sends Content-Length.
 *
 * Bolt documents `requestListener` for running its receiver on a server of your own;
 * this is that, with the server's header and request timeouts set so that a connection
 * trickling its headers or body is closed in seconds, not minutes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, HTTPReceiver, Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorMessage } from '../../errors.js';
import { createLogThrottle } from '../../log-throttle.js';

export interface ReceiverLimits {
  /** Larger declared bodies get 413 unread. Slack's payloads are kilobytes. */
  maxBodyBytes: number;
  /** Node's headersTimeout: all headers within this. */
  headersTimeoutMs: number;
  /** Node's requestTimeout: the whole request within this. */
  requestTimeoutMs: number;
}

export const RECEIVER_LIMITS: ReceiverLimits = { maxBodyBytes: 2 * 1024 * 1024, headersTimeoutMs: 10_000, requestTimeoutMs: 15_000 };

// How often Node looks for connections past those timeouts (its default of 30 s would stretch them).
const CONNECTIONS_CHECK_MS = 1_000;

export interface BoundedReceiver extends Receiver {
  readonly server: Server | undefined;
  readonly port: number | undefined;
}

export function createBoundedReceiver(inner: HTTPReceiver, opts: { log: Logger; now: () => number; limits?: Partial<ReceiverLimits> }): BoundedReceiver {
  const limits = { ...RECEIVER_LIMITS, ...opts.limits };
  const throttle = createLogThrottle({ burst: 3, windowMs: 60_000, now: opts.now });
  let server: Server | undefined;

  function refuse(req: IncomingMessage, res: ServerResponse, status: 411 | 413, why: string): void {
    const held = throttle.admit(`refused ${status}`);
    if (held !== undefined) opts.log.warn({ status, contentLength: req.headers['content-length'], ...(held > 0 ? { heldBack: held } : {}) }, `slack: ${why}`);
    // Connection: close, so Node ends the socket instead of reading the rest of the body for keep-alive.
    res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
    res.end(`${why}\n`);
    req.on('error', () => {});
  }

  function listener(req: IncomingMessage, res: ServerResponse): void {
    const declared = req.headers['content-length'];
    if (req.headers['transfer-encoding'] !== undefined) return refuse(req, res, 411, 'request body without Content-Length refused');
    if (declared !== undefined && Number(declared) > limits.maxBodyBytes) return refuse(req, res, 413, 'request body too large; refused unread');
    try {
      inner.requestListener(req, res);
    } catch (err) {
      // What Bolt's own server does: a listener that fails to start handling a request gets a 500.
      opts.log.error({ err: errorMessage(err) }, 'slack: receiver failed to handle a request');
      if (!res.headersSent) res.writeHead(500).end();
    }
  }

  return {
    get server() {
      return server;
    },
    get port() {
      const address = server?.address();
      return typeof address === 'object' && address ? (address as AddressInfo).port : undefined;
    },
    init(app: App) {
      inner.init(app);
    },
    start(port: number) {
      const s = createServer(
        { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: CONNECTIONS_CHECK_MS },
        listener,
      );
      return new Promise<Server>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, () => {
          s.off('error', reject);
          server = s;
          resolve(s);
        });
      });
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeIdleConnections();
      await new Promise<void>((resolve, reject) => s.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
