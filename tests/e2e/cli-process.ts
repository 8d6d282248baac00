// The real CLI as a long-running child process (node with tsx's loader, src/cli.ts …), for end-to-end tests that
// talk to it over loopback while it runs: wait for a log line, send a signal, read the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../cli/run-cli.js';

// tsx as a loader inside one node process, as `npm start` runs one node process: the tsx CLI
// would put a relay process in front, which re-sends a signal and then SIGKILLs the app (exit
// 143) when the app has not acknowledged it within 30 ms — on a loaded machine, a flaky stop.
const TSX_LOADER = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI = path.join(PROJECT_ROOT, 'src', 'cli.ts');

/** One pino JSON line from the child's stderr. */
export type LogLine = { level?: number; msg?: string } & Record<string, unknown>;

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** stderr lines that parse as JSON (pino writes JSON when stderr is not a TTY). */
  logs(): LogLine[];
  /** Resolves with the first log line matching; rejects when the process exits first or after timeoutMs. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit; SIGKILL kills the app's whole process group (a crash). */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: string[], opts: { cwd: string; env: Record<string, string> }): CliProcess {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
    cwd: opts.cwd,
    // Only what the app needs from the parent: no real tokens or config paths leak in.
    // OPS_PORT=0: each child's ops listener on a free port, so parallel test files never collide on 9464.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', PEACEWATCH_CONFIG: '', OPS_PORT: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a SIGKILL (a crash) reaches anything the app started too.
    detached: true,
  });
  let out = '';
  let err = '';
  const parsed: LogLine[] = [];
  let partial = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    notify();
  });
  child.stderr!.on('data', (d: Buffer) => {
    const text = d.toString();
    err += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        parsed.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line (a stack trace, tsx noise): kept in stderr().
      }
    }
    notify();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      notify();
      resolve({ code, signal });
    });
  });
  let done = false;
  void exited.then(() => (done = true), () => (done = true));

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs: () => parsed,
    exited,
    waitForLog(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = parsed.find(match);
          if (hit) {
            cleanup();
            resolve(hit);
          } else if (done) {
            cleanup();
            reject(new Error(`process exited before the expected log line\n--- stderr ---\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching log line within ${timeoutMs} ms\n--- stderr ---\n${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (!done && child.pid !== undefined) {
        // SIGTERM/SIGINT go to the app, as a supervisor would send them; SIGKILL hits the whole group.
        try {
          if (signal === 'SIGKILL') process.kill(-child.pid, 'SIGKILL');
          else child.kill(signal);
        } catch {
          // Already gone between the check and the signal.
        }
      }
      return exited;
    },
  };
}

/** A port that was free a moment ago (the app must bind it itself, so it cannot be 0). */
export { freePort } from '../fakes/free-port.js';

/** Resolves when `check` returns a value other than undefined; polls every `everyMs`. */
export async function eventually<T>(check: () => T | undefined, what: string, timeoutMs = 20_000, everyMs = 25): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
