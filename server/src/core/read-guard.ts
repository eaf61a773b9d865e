/**
 * The one way Shipshape reads a file from disk: regular files only, under a size cap, and (after following
 * symlinks) inside the folders it was given. A repository is hostile by default: `include: [/dev/zero]`, a
 * FIFO named `.env` or a symlink to ~/.ssh must end in a clear refusal, never a hang, a 3 GB string or a
 * read outside the workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleInfo } from './diagnostics';

/**
 * The code of a refused read, shared by every language that reads files a file names (and by the CLI):
 * one code, one documentation entry, whichever language reports it.
 */
export const FILE_NOT_READ_RULE: RuleInfo = {
  id: 'FileNotRead',
  severity: 'warning',
  doc: 'A file Shipshape needed was not read (not a regular file, outside the workspace, or too large): the .dockerignore beside a Dockerfile; a file a Compose project names (include, extends, env_file, build.dockerfile, .env, COMPOSE_FILE); a file given to `shipshape lint`, where it is an error.',
};

export type ReadResult =
  | { ok: true; text: string }
  /** `message` completes "<path> …" for a diagnostic; a missing file is for callers to report (or not). */
  | { ok: false; reason: RefusalReason; message: string };

export type RefusalReason = 'missing' | 'not-regular' | 'outside' | 'too-large' | 'unreadable';

export interface ReadPolicy {
  /** Folders reads must stay in (symlinks resolved); empty means nowhere is allowed. */
  roots: readonly string[];
  maxBytes: number;
}

/** Reads `filePath` as UTF-8 text if the policy allows it; the refusal says why, for a diagnostic. */
export function readGuarded(filePath: string, policy: ReadPolicy): ReadResult {
  const checked = checkPath(filePath, policy);
  if (!checked.ok) return checked;
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the check must not block the open (or the read) either.
    fd = fs.openSync(checked.real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return unreadable(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return refused('not-regular', `is ${describeType(stat)}, not a regular file`);
    if (stat.size > policy.maxBytes) return refused('too-large', tooLarge(stat.size, policy.maxBytes));
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, text: buffer.toString('utf8', 0, read) };
  } catch (error) {
    return unreadable(error);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `filePath` could be read: a regular file inside the roots (nothing is opened). */
export function checkPath(filePath: string, policy: ReadPolicy): { ok: true; real: string } | Extract<ReadResult, { ok: false }> {
  let link: fs.Stats;
  try {
    link = fs.lstatSync(filePath);
  } catch (error) {
    return unreadable(error);
  }
  let real = filePath;
  let stat = link;
  if (link.isSymbolicLink()) {
    try {
      real = fs.realpathSync(filePath);
      stat = fs.statSync(real);
    } catch (error) {
      return unreadable(error);
    }
  } else {
    // A folder above may be a symlink out of the tree.
    try {
      real = fs.realpathSync(filePath);
    } catch (error) {
      return unreadable(error);
    }
  }
  if (!stat.isFile()) return refused('not-regular', `is ${describeType(stat)}, not a regular file`);
  if (!insideAny(real, policy.roots)) {
    const via = real !== path.resolve(filePath) ? ` (it resolves to ${real})` : '';
    return refused('outside', `is outside the workspace${via}; add its folder to shipshape.files.readableFolders to allow it`);
  }
  if (stat.size > policy.maxBytes) return refused('too-large', tooLarge(stat.size, policy.maxBytes));
  return { ok: true, real };
}

export function insideAny(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const relative = path.relative(root, real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
}

/** Roots as real paths (a workspace opened through a symlink still contains its own files). */
export function realRoots(roots: readonly string[]): string[] {
  const out = new Set<string>();
  for (const root of roots) {
    out.add(path.resolve(root));
    try {
      out.add(fs.realpathSync(root));
    } catch {
      // a root that does not exist yet still bounds reads by its name
    }
  }
  return [...out];
}

function describeType(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function tooLarge(size: number, max: number): string {
  return `is ${(size / 1024 / 1024).toFixed(1)} MB; Shipshape reads files up to ${(max / 1024 / 1024).toFixed(0)} MB`;
}

function refused(reason: RefusalReason, message: string): Extract<ReadResult, { ok: false }> {
  return { ok: false, reason, message };
}

function unreadable(error: unknown): Extract<ReadResult, { ok: false }> {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refused('missing', 'does not exist');
  if (code === 'ELOOP') return refused('unreadable', 'is a symlink loop');
  return refused('unreadable', `could not be read (${code ?? String(error)})`);
}
