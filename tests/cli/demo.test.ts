import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli, type CliResult } from './run-cli.js';

interface Label {
  relevant: boolean;
  title: string;
  why: string;
}
const expected = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config/demo/expected.json'), 'utf8')) as Record<
  string,
  Record<string, Label>
>;
const labels = Object.entries(expected).flatMap(([file, items]) => Object.values(items).map((l) => ({ file, ...l })));

let cwd: string;
let first: CliResult;

beforeAll(async () => {
  // Its own working directory, so data/demo.sqlite is fresh and the developer's is untouched.
  cwd = mkdtempSync(path.join(tmpdir(), 'pw-demo-'));
  first = await runCli(['demo', '--fresh'], { cwd });
}, 60_000);
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('npm run demo', () => {
  it('exits 0 with a tally over every bundled feed', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/tally: feeds 7\/7 \(7 ok, 0 not modified, 0 failed\)/);
  });

  it.each(labels.filter((l) => l.relevant).map((l) => [l.file, l.title]))('alerts the relevant %s item "%s"', (_file, title) => {
    expect(first.stdout).toContain(title);
  });

  it.each(labels.filter((l) => !l.relevant).map((l) => [l.file, l.title, l.why]))(
    'does not alert the %s decoy "%s" (%s)',
    (_file, title) => {
      expect(first.stdout).not.toContain(title);
    },
  );

  it('names the seed article’s actors and venue and summarizes it in French', () => {
    const block = first.stdout.split('\n\n').find((b) => b.includes('émissaires américains et russes'));
    expect(block).toBeDefined();
    for (const name of ['Witkoff', 'Kushner', 'Dmitriev', 'Umerov', 'Miami']) expect(block).toContain(name);
    expect(block).toMatch(/Ce week-end, une rencontre entre des représentants américains et russes/);
  });

  it('alerts nothing new on a second run over the same store', async () => {
    const second = await runCli(['demo'], { cwd });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/alerted 0/);
    expect(second.stdout).toMatch(/nothing new/);
  }, 60_000);
});
