import type { Writable } from 'node:stream';
import { ConfigError } from '../config/config-error.js';
import type { PeacewatchConfig, Secrets } from '../config/config-types.js';
import { findRuntimeProblems } from '../config/runtime-checks.js';
import { redactUrl } from '../redact.js';

/**
 * `check`: load and validate, then what only fails at run time (credentials for subscribed
 * platforms, a writable store). ConfigError propagates to the CLI (exit 2, one message).
 */
export async function runCheckCommand(opts: {
  load: () => Promise<PeacewatchConfig>;
  out: Writable;
  secrets: Secrets;
  cwd?: string;
}): Promise<number> {
  const config = await opts.load();
  const problems = await findRuntimeProblems(config, opts.secrets, opts.cwd ?? process.cwd());
  if (problems.length > 0) throw new ConfigError(problems);
  const languages = [...new Set(config.feeds.map((f) => f.language ?? '?'))].sort();
  const terms = config.topics.reduce(
    (n, t) =>
      n +
      t.actors.reduce((a, x) => a + x.aliases.length, 0) +
      t.places.reduce((a, x) => a + x.aliases.length, 0) +
      t.subjects.reduce((a, x) => a + Object.values(x.terms).flat().length, 0) +
      Object.values(t.context).flat().length +
      Object.values(t.counter).flat().length,
    0,
  );
  opts.out.write(
    [
      `${config.source}: ok`,
      `  feeds: ${config.feeds.length} (${languages.join(', ')})`,
      `  topics: ${config.topics.map((t) => t.id).join(', ')} (${terms} terms)`,
      `  subscriptions: ${config.subscriptions.map((s) => `${s.channel} → ${s.topic}`).join(', ') || 'none'}`,
      `  store: ${redactUrl(config.store.url)}`,
    ].join('\n') + '\n',
  );
  return 0;
}
