/** Builds a throw-away config folder: config.yaml plus topic packs, under the OS temp dir. */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/config/', import.meta.url));
export const FIXTURE_PACK = join(FIXTURES, 'topics', 'ukraine-peace-talks.yaml');

export interface ConfigDir {
  root: string;
  configPath: string;
  cleanup: () => Promise<void>;
}

/**
 * files: path (relative to root) → content. The fixture pack is copied to
 * topics/ukraine-peace-talks.yaml unless withPack is false.
 */
export const makeConfigDir = async (
  configYaml: string,
  opts: { files?: Record<string, string>; withPack?: boolean } = {},
): Promise<ConfigDir> => {
  const root = await mkdtemp(join(tmpdir(), 'peacewatch-config-'));
  const configPath = join(root, 'config.yaml');
  await writeFile(configPath, configYaml);
  if (opts.withPack !== false) {
    await mkdir(join(root, 'topics'), { recursive: true });
    await copyFile(FIXTURE_PACK, join(root, 'topics', 'ukraine-peace-talks.yaml'));
  }
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content);
  }
  return { root, configPath, cleanup: () => rm(root, { recursive: true, force: true }) };
};

/** A valid config body; tests append or replace lines to break one thing at a time. */
export const VALID_FEEDS = `feeds:
  - name: Example Wire
    url: https://news.example.org/rss.xml
    language: en
  - name: Другий канал
    id: druhyi
    url: http://example.com.ua/feed
`;

export const VALID_SUBSCRIPTIONS = `subscriptions:
  - channel: console:stdout
    topic: ukraine-peace-talks
`;
