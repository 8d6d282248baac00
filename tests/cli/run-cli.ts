import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(PROJECT_ROOT, 'src', 'cli.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would (`npm run -s cli -- …` is `tsx src/cli.ts …`). */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {},
): Promise<CliResult> {
  const child = spawn(TSX, [CLI, ...args], {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'warn', PEACEWATCH_CONFIG: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collectOutput(child, opts.onStdout && ((text) => opts.onStdout!(text, child)));
}

/** Everything a child process writes, and its exit code, once it has closed. */
export function collectOutput(child: ChildProcess, onStdout?: (text: string) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout);
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
