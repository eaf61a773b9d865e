/**
 * Runs Debian's `shellcheck` binary (optional) on RUN scripts, off the keystroke path: results are cached by
 * (shell, script); a script not seen before is checked in a child process and its findings arrive with the
 * next validation (the LSP server is asked to re-validate when they are ready; the CLI waits for them).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

/** Absolute path of the shellcheck binary on PATH, looked up once. */
export function shellcheckBinary(): string | null {
  if (binary === undefined) binary = findExecutable('shellcheck', process.env.PATH ?? '');
  return binary;
}

/**
 * The first executable `name` in the absolute entries of `searchPath`. Empty, `.` and relative entries are
 * skipped: they resolve against the server's working directory, the workspace, so a repository could ship
 * its own `shellcheck` there.
 */
export function findExecutable(name: string, searchPath: string, platform: NodeJS.Platform = process.platform): string | null {
  const names = platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const dir of searchPath.split(platform === 'win32' ? ';' : ':')) {
    if (!(platform === 'win32' ? path.win32.isAbsolute(dir) : path.posix.isAbsolute(dir))) continue;
    for (const file of names) {
      const candidate = platform === 'win32' ? path.win32.join(dir, file) : path.posix.join(dir, file);
      try {
        if (!fs.statSync(candidate).isFile()) continue;
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** Checks that ShellCheck should not make inside a Dockerfile: variables come from ARG/ENV it cannot see. */
const EXCLUDED = ['SC2154', 'SC2034', 'SC1091', 'SC2164'];

const key = (shell: string, script: string) => `${shell}\0${script}`;

export function cachedComments(shell: string, script: string): ShellcheckComment[] | undefined {
  return cache.get(key(shell, script));
}

/** At most this many shellcheck processes at once; typing in a RUN must not fork a process per key. */
const MAX_RUNNING = 2;
/** Queued scripts beyond this are dropped (oldest first): a newer version of the RUN supersedes them. */
const MAX_QUEUED = 4;
let active = 0;
const queue: Array<{ k: string; shell: string; script: string; resolve: () => void }> = [];

/**
 * Starts checking a script (once); resolves when its comments are cached, or when it was dropped from the
 * queue in favour of newer scripts (then nothing is cached and a later validation asks again).
 */
export function checkScript(shell: string, script: string): Promise<void> {
  const k = key(shell, script);
  const existing = running.get(k);
  if (existing) return existing;
  if (!shellcheckBinary()) return Promise.resolve();
  const job = new Promise<void>((resolve) => {
    queue.push({ k, shell, script, resolve });
    while (queue.length > MAX_QUEUED) {
      const dropped = queue.shift()!;
      running.delete(dropped.k);
      dropped.resolve();
    }
  });
  running.set(k, job);
  pump();
  return job;
}

function pump(): void {
  while (active < MAX_RUNNING && queue.length) {
    // Newest first: it is the text the user is looking at.
    const next = queue.pop()!;
    active++;
    run(next.shell, next.script, (comments) => {
      if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(next.k, comments);
      running.delete(next.k);
      active--;
      next.resolve();
      pump();
    });
  }
}

function run(shell: string, script: string, done: (comments: ShellcheckComment[]) => void): void {
  // --norc and a neutral cwd: a .shellcheckrc in the workspace must not steer it (e.g. to source files).
  const args = ['--norc', '--format=json1', `--shell=${shell}`, `--exclude=${EXCLUDED.join(',')}`, '-'];
  const child = execFile(shellcheckBinary()!, args, { cwd: os.tmpdir(), timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (_error, stdout) => {
    let comments: ShellcheckComment[] = [];
    try {
      comments = (JSON.parse(stdout) as { comments: ShellcheckComment[] }).comments ?? [];
    } catch {
      comments = [];
    }
    done(comments);
  });
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(script);
}
