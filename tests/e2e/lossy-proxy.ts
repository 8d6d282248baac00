// A loopback proxy in front of a fake API that can lose answers: the request reaches the fake
// (the message is posted there), but the client gets an HTTP 500. That is the case an outbox
// must not double: "it failed" does not mean "it did not happen".
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LossyProxy {
  /** Base URL with the same path prefix as the target. */
  url: string;
  /** Requests whose answer was replaced by a 500. */
  lost: number;
  close(): Promise<void>;
}

/** Forwards to `target`; a request for which `loseAnswer(path)` is true is forwarded, then answered 500. */
export async function startLossyProxy(target: string, loseAnswer: (path: string) => boolean): Promise<LossyProxy> {
  const targetUrl = new URL(target);
  const proxy: LossyProxy = { url: '', lost: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    void readBody(req)
      .then(async (body) => {
        const upstream = await fetch(new URL(req.url ?? '/', targetUrl.origin), {
          method: req.method ?? 'GET',
          headers: forwardable(req),
          ...(body.length > 0 ? { body } : {}),
        });
        const text = await upstream.text();
        if (loseAnswer(req.url ?? '')) {
          proxy.lost++;
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('upstream answer lost');
          return;
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      })
      .catch((err: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`lossy proxy: ${String(err)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}${targetUrl.pathname}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

function forwardable(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
