// A throwaway working directory the way an operator sets one up: config.yaml, the real topic
// pack beside it, and a SQLite store under state/ (relative to the working directory).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../cli/run-cli.js';
import { LOOPBACK_ALLOWED_YAML } from '../builders/config.js';

export interface WorkDir {
  dir: string;
  configPath: string;
  remove(): void;
}

/** `extra`: more top-level YAML lines (e.g. a `delivery:` block). */
export function createWorkDir(opts: { feedUrl: string; subscriptions: string[]; prefix: string; extra?: string[] }): WorkDir {
  const dir = mkdtempSync(path.join(tmpdir(), opts.prefix));
  cpSync(path.join(PROJECT_ROOT, 'config/topics'), path.join(dir, 'topics'), { recursive: true });
  const configPath = path.join(dir, 'config.yaml');
  writeFileSync(
    configPath,
    [
      'feeds:',
      '  - name: Loopback Wire',
      '    id: loopback-wire',
      `    url: ${opts.feedUrl}`,
      '    language: en',
      'store:',
      '  url: sqlite://state/peacewatch.sqlite',
      'polling:',
      '  tick: "* * * * *"',
      LOOPBACK_ALLOWED_YAML,
      'subscriptions:',
      ...opts.subscriptions.map((channel) => `  - channel: "${channel}"\n    topic: ukraine-peace-talks`),
      ...(opts.extra ?? []),
      '',
    ].join('\n'),
  );
  return { dir, configPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
