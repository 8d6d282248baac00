/**
 * What a valid file can still get wrong at run time, found by `check` before `start` does:
 * channels on a platform whose credentials are not in the environment, and a SQLite store
 * whose file cannot be created or written. Read-only: nothing is created here.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage } from '../errors.js';
import type { PeacewatchConfig, Secrets } from './config-types.js';
import { displayPath, problemAt, readYamlFile, type YamlFile } from './yaml-file.js';

const CREDENTIALS: Record<string, { secret: keyof Secrets; variable: string }> = {
  slack: { secret: 'slackBotToken', variable: 'SLACK_BOT_TOKEN' },
  discord: { secret: 'discordToken', variable: 'DISCORD_TOKEN' },
};

export async function findRuntimeProblems(config: PeacewatchConfig, secrets: Secrets, cwd: string): Promise<string[]> {
  const read = await readYamlFile(config.source, displayPath(config.source, cwd), 'config file');
  if (!read.ok) return read.problems;
  return [...missingCredentials(config, secrets, read.file), ...(await storeProblems(config, read.file, cwd))];
}

function missingCredentials(config: PeacewatchConfig, secrets: Secrets, file: YamlFile): string[] {
  return config.subscriptions.flatMap((sub, i) => {
    const platform = sub.channel.slice(0, sub.channel.indexOf(':'));
    const needs = CREDENTIALS[platform];
    if (!needs || secrets[needs.secret]) return [];
    return [problemAt(file, ['subscriptions', i, 'channel'], `expected ${needs.variable} in the environment for a ${platform} channel, it is not set`)];
  });
}

async function storeProblems(config: PeacewatchConfig, file: YamlFile, cwd: string): Promise<string[]> {
  const url = config.store.url;
  if (!/^sqlite:\/\//iu.test(url)) return [];
  const path = resolve(cwd, url.slice('sqlite://'.length));
  const problem = await sqliteWritable(path);
  if (!problem) return [];
  const fromFile = (file.data as { store?: { url?: unknown } }).store?.url === url;
  const text = `expected a SQLite file that can be created and written, ${path} ${problem}`;
  return [fromFile ? problemAt(file, ['store', 'url'], text) : `PEACEWATCH_STORE_URL: ${text}`];
}

/** Why the file at `path` could not be opened for writing (or created), or undefined. */
async function sqliteWritable(path: string): Promise<string | undefined> {
  const existing = await stat(path).catch(() => undefined);
  if (existing) {
    if (!existing.isFile()) return 'is not a file';
    return access(path, constants.R_OK | constants.W_OK).then(
      () => undefined,
      (err: unknown) => `cannot be written (${errorMessage(err)})`,
    );
  }
  // The file and its missing folders are created on first run: the nearest existing ancestor decides.
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const s = await stat(dir).catch(() => undefined);
    if (s) {
      if (!s.isDirectory()) return `cannot be created (${dir} is not a folder)`;
      return access(dir, constants.W_OK | constants.X_OK).then(
        () => undefined,
        () => `cannot be created (${dir} is not writable)`,
      );
    }
    if (dirname(dir) === dir) return 'cannot be created';
  }
}
