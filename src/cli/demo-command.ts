import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { startDemoFeedServer, type DemoFeedFile } from '../demo/demo-feed-server.js';
import { createApp } from '../main.js';
import { installCrashGuards } from './run-commands.js';
import { formatFailures, formatTally } from './tally.js';

/** config/demo beside src/ (and beside dist/ after a build). */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/demo');
// The demo config's feed URLs point here; the real loopback address replaces it at run time.
const PLACEHOLDER_ORIGIN = 'http://127.0.0.1:0';

/**
 * `demo`: the real fetcher, store and pipeline over bundled feeds served on loopback,
 * on its own store (data/demo.sqlite). A second run alerts nothing new.
 */
export async function runDemoCommand(opts: {
  fresh: boolean;
  watch: boolean;
  makeLogger: (configLevel?: string) => Logger;
  out: Writable & { isTTY?: boolean };
  demoDir?: string;
  cwd?: string;
}): Promise<number> {
  const demoDir = opts.demoDir ?? DEMO_DIR;
  const cwd = opts.cwd ?? process.cwd();
  const files = JSON.parse(readFileSync(path.join(demoDir, 'feeds.json'), 'utf8')) as DemoFeedFile[];
  const config = await loadConfig(path.join(demoDir, 'demo.yaml'), { cwd });
  const log = opts.makeLogger(config.log.level === 'info' ? 'warn' : config.log.level);
  if (opts.fresh && config.store.url.startsWith('sqlite://')) {
    const file = path.resolve(cwd, config.store.url.slice('sqlite://'.length));
    // The write-ahead log and its index go with the file, or they would be replayed into the new one.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }

  const server = await startDemoFeedServer(path.join(demoDir, 'feeds'), files);
  for (const feed of config.feeds) feed.url = feed.url.replace(PLACEHOLDER_ORIGIN, server.origin);
  const app = await createApp({ config, secrets: {}, log, out: opts.out, color: Boolean(opts.out.isTTY), cwd });
  try {
    opts.out.write(`demo: ${config.feeds.length} sample feeds on ${server.origin}, store ${config.store.url}\n\n`);
    const report = await app.runCycle({ onlyDue: false });
    const lines = [formatTally(report), ...formatFailures(report)];
    if (report.alerted === 0 && report.fresh === 0 && (report.articles > 0 || report.notModified > 0)) {
      // An unchanged feed body is not parsed again, so a second run may count no articles at all.
      const why = report.articles > 0 ? `all ${report.articles} articles were seen` : 'the feeds are unchanged since';
      lines.push(`demo: nothing new — ${why} on an earlier run (add --fresh to start over)`);
    }
    opts.out.write(`${lines.join('\n')}\n`);
    if (opts.watch) {
      installCrashGuards(log);
      opts.out.write('demo: watching (Ctrl-C to stop)\n');
      const scheduler = app.createScheduler();
      scheduler.start();
      await new Promise((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await scheduler.stop();
    }
    return 0;
  } finally {
    await app.close();
    await server.close();
  }
}
