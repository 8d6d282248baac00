import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectOutput, PROJECT_ROOT, type CliResult } from './run-cli.js';

function classify(lines: string[]): Promise<CliResult> {
  const child = spawn(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [path.join(PROJECT_ROOT, 'src/cli.ts'), 'classify'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PEACEWATCH_CONFIG: '' },
  });
  const done = collectOutput(child);
  child.stdin.end(lines.join('\n') + '\n');
  return done;
}

const seed = readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/articles/seed-article-fr.txt'), 'utf8');

describe('classify (the measurement interface)', () => {
  it('flags the seed article with its actors and venue, a French summary and an English gist', async () => {
    const r = await classify([
      JSON.stringify({
        id: 'seed',
        title: 'Guerre en Ukraine : des émissaires américains et russes pourraient se rencontrer à Miami ce week-end',
        summary: seed,
        url: 'https://www.lemonde.fr/international/article/2025/12/19/miami.html?utm_source=rss',
        published: '2025-12-19T16:36:00Z',
      }),
    ]);
    expect(r.code).toBe(0);
    const verdict = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    expect(Object.keys(verdict)).toEqual(['id', 'relevant', 'score', 'language', 'topics', 'actors', 'places', 'story', 'gist', 'summary', 'kind', 'urgency', 'reason']);
    expect(verdict).toMatchObject({ id: 'seed', relevant: true, language: 'fr', topics: ['ukraine-peace-talks'] });
    const actors = (verdict['actors'] as string[]).join(' ');
    for (const name of ['Witkoff', 'Kushner', 'Dmitriev', 'Umerov']) expect(actors).toContain(name);
    expect(verdict['places']).toContain('Miami');
    expect(verdict['summary']).toMatch(/^Ce week-end, une rencontre/);
    expect(verdict['gist']).toMatch(/^US–Russia/);
    expect(verdict['gist']).toContain('Miami');
  });

  it('writes exactly one line per input, in order, even for empty fields and bad lines', async () => {
    const r = await classify([
      JSON.stringify({ id: 'a', title: 'Witkoff and Dmitriev meet in Miami', summary: '', url: 'https://x.example/a', published: null }),
      'not json',
      JSON.stringify({ id: 'b', title: '', summary: 'Die Waffenruhe in Gaza hält.', url: 'https://x.example/b', published: '2025-10-11T08:00:00Z' }),
      JSON.stringify({ id: 'c', title: 'Witkoff and Dmitriev talk again in Miami', summary: '', url: 'https://y.example/c', published: null }),
    ]);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; relevant: boolean; story: string | null });
    expect(out.map((v) => v.id)).toEqual(['a', 'line-2', 'b', 'c']);
    expect(out.map((v) => v.relevant)).toEqual([true, false, false, true]);
    expect(out[3]!.story).toBe(out[0]!.story);
    expect(out[2]!.story).toBeNull();
    expect(r.stderr).toMatch(/not JSON/);
  });
});
