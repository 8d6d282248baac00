/**
 * Topic packs: every *.yaml in topics.dir (or exactly topics.files), each validated on
 * its own and named after its id, so `ukraine-peace-talks.yaml` holds `id: ukraine-peace-talks`.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Topic } from '../domain/topic.js';
import { topicPackSchema, type ConfigFile } from './config-schema.js';
import { displayPath, problemAt, readYamlFile, validateFile, type YamlFile } from './yaml-file.js';

export type PacksResult = { ok: true; topics: Topic[] } | { ok: false; problems: string[] };

const isPackFile = (name: string): boolean => /\.ya?ml$/i.test(name);

/** Absolute pack paths, or the problems finding them (named against the config file). */
const listPackFiles = async (
  topics: ConfigFile['topics'],
  configFile: YamlFile,
  configDir: string,
): Promise<{ paths: string[]; problems: string[] }> => {
  if (topics.files) {
    const paths = topics.files.map((f) => resolve(configDir, f));
    // Named against the config key that lists the file, with its line: that is where the fix goes.
    const missing = await Promise.all(paths.map((p) => stat(p).then((s) => (s.isFile() ? undefined : 'is not a file'), () => 'does not exist')));
    const problems = missing.flatMap((why, i) =>
      why ? [problemAt(configFile, ['topics', 'files', i], `expected a topic pack file, ${paths[i]} ${why}`)] : [],
    );
    return { paths, problems };
  }
  const dir = resolve(configDir, topics.dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? 'error'})`;
    return { paths: [], problems: [problemAt(configFile, ['topics', 'dir'], `expected a folder of topic packs, ${dir} ${why}`)] };
  }
  const packs = names.filter(isPackFile).sort();
  if (packs.length === 0)
    return { paths: [], problems: [problemAt(configFile, ['topics', 'dir'], `expected at least one topic pack (*.yaml) in ${dir}, found none`)] };
  return { paths: packs.map((n) => resolve(dir, n)), problems: [] };
};

const loadPack = async (absPath: string, cwd: string): Promise<{ topic?: Topic; problems: string[] }> => {
  const read = await readYamlFile(absPath, displayPath(absPath, cwd), 'topic pack');
  if (!read.ok) return { problems: read.problems };
  const checked = validateFile(topicPackSchema, read.file);
  if (!checked.ok) return { problems: checked.problems };
  const expectedId = basename(absPath, extname(absPath));
  if (checked.value.id !== expectedId)
    return {
      problems: [problemAt(read.file, ['id'], `expected "${expectedId}" (a pack's id is its file name), got "${checked.value.id}"`)],
    };
  return { topic: checked.value, problems: [] };
};

export const loadTopicPacks = async (config: ConfigFile, configFile: YamlFile, configAbs: string, cwd: string): Promise<PacksResult> => {
  const listed = await listPackFiles(config.topics, configFile, dirname(configAbs));
  if (listed.problems.length > 0) return { ok: false, problems: listed.problems };

  const loaded = await Promise.all(listed.paths.map((p) => loadPack(p, cwd)));
  const problems = loaded.flatMap((l) => l.problems);
  const topics: Topic[] = [];
  const seen = new Map<string, string>();
  loaded.forEach((l, i) => {
    if (!l.topic) return;
    const path = listed.paths[i] ?? '';
    const other = seen.get(l.topic.id);
    if (other !== undefined) problems.push(`${displayPath(path, cwd)}: id: expected a unique topic id, "${l.topic.id}" is also ${displayPath(other, cwd)}`);
    seen.set(l.topic.id, path);
    topics.push(l.topic);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, topics };
};
