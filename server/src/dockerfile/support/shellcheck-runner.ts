/**
 * Runs Debian's `shellcheck` binary (optional) on RUN scripts, off the keystroke path: results are cached by
 * (shell, script); a script not seen before is checked in a child process and its findings arrive with the
 * next validation (the LSP server is asked to re-validate when they are ready; the CLI waits for them).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ShellcheckComment {
  code: number;
  level: 'error' | 'warning' | 'info' | 'style';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const MAX_CACHE = 1000;
const cache = new Map<string, ShellcheckComment[]>();
const running = new Map<string, Promise<void>>();
let binary: string | null | undefined;

/** Path of the shellcheck binary on PATH, looked up once. */
export function shellcheckBinary(): string | null {
  if (binary !== undefined) return binary;
  binary = null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'shellcheck');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      binary = candidate;
      break;
    } catch {
      // not here
    }
  }
  return binary;
}

/** Checks that ShellCheck should not make inside a Dockerfile: variables come from ARG/ENV it cannot see. */
const EXCLUDED = ['SC2154', 'SC2034', 'SC1091', 'SC2164'];

const key = (shell: string, script: string) => `${shell}\0${script}`;

export function cachedComments(shell: string, script: string): ShellcheckComment[] | undefined {
  return cache.get(key(shell, script));
}

/** Starts checking a script (once); resolves when its comments are cached. */
export function checkScript(shell: string, script: string): Promise<void> {
  const k = key(shell, script);
  const existing = running.get(k);
  if (existing) return existing;
  const exe = shellcheckBinary();
  if (!exe) return Promise.resolve();
  const job = new Promise<void>((resolve) => {
    const child = execFile(exe, ['--format=json1', `--shell=${shell}`, `--exclude=${EXCLUDED.join(',')}`, '-'], { timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (_error, stdout) => {
      let comments: ShellcheckComment[] = [];
      try {
        comments = (JSON.parse(stdout) as { comments: ShellcheckComment[] }).comments ?? [];
      } catch {
        comments = [];
      }
      if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(k, comments);
      running.delete(k);
      resolve();
    });
    child.stdin?.end(script);
  });
  running.set(k, job);
  return job;
}
