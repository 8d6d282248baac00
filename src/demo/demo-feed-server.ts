import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

export interface DemoFeedFile {
  file: string;
  contentType: string;
}

/** Serves the bundled demo feeds on loopback, as a publisher would (bytes as stored, declared type). */
export async function startDemoFeedServer(feedsDir: string, files: DemoFeedFile[]): Promise<{ origin: string; close(): Promise<void> }> {
  const byPath = new Map(files.map((f) => [`/feeds/${f.file}`, f]));
  const server: Server = createServer((req, res) => {
    const entry = byPath.get((req.url ?? '').split('?')[0] ?? '');
    if (!entry || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    readFile(path.join(feedsDir, entry.file)).then(
      (body) => res.writeHead(200, { 'content-type': entry.contentType, 'content-length': body.length }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('demo: feed server has no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
