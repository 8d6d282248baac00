import type { Writable } from 'node:stream';
import type { PeacewatchConfig } from '../config/config-types.js';
import type { FeedConfig } from '../domain/feed.js';
import { articleToJsonLine, describeOutcome } from '../ingest/describe-outcome.js';
import { pollFeed } from '../ingest/poll-feed.js';

/**
 * `fetch <url>`: one feed through the real fetcher, decoder and normalizer — what a
 * user runs when a feed "doesn't work". With --json, stdout carries only article lines.
 */
export async function runFetchCommand(opts: {
  url: string;
  json: boolean;
  language?: string;
  /** The fetch settings (timeouts, caps, User-Agent) come from the configuration. */
  load: () => Promise<PeacewatchConfig>;
  out: Writable;
  err?: Writable;
  now?: number;
}): Promise<number> {
  const err = opts.err ?? process.stderr;
  const config = await opts.load();
  const feed: FeedConfig = {
    id: 'cli-fetch',
    name: safeHost(opts.url),
    url: opts.url,
    language: opts.language,
    intervalMinutes: 1,
  };
  const outcome = await pollFeed(feed, {}, config.fetch, opts.now ?? Date.now());
  const headline = `${opts.url}\n→ ${describeOutcome(outcome)}\n`;
  if (outcome.kind !== 'ok') {
    err.write(headline);
    return outcome.kind === 'not-modified' ? 0 : 1;
  }
  if (opts.json) {
    err.write(headline);
    for (const a of outcome.articles) opts.out.write(`${articleToJsonLine(a)}\n`);
    return 0;
  }
  const lines = [headline.trimEnd()];
  if (outcome.feedTitle) lines.push(`feed: ${outcome.feedTitle}${outcome.feedLanguage ? ` [${outcome.feedLanguage}]` : ''}`);
  for (const [i, a] of outcome.articles.entries()) {
    lines.push(
      '',
      `${i + 1}. ${a.title || '(no title)'}`,
      `   ${a.publishedAt}${a.publishedAtIsFirstSeen ? ' (first seen; no usable date)' : ''} · ${a.language ?? 'language ?'}`,
      `   ${a.url || '(no link)'}`,
      `   id: ${a.id}`,
    );
    if (a.summary) lines.push(`   ${a.summary.length > 240 ? `${a.summary.slice(0, 239)}…` : a.summary}`);
  }
  opts.out.write(`${lines.join('\n')}\n`);
  return 0;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
