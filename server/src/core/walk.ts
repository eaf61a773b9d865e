import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCandidatePath } from './detect';

/** Folders never worth walking into: dependencies, VCS data, build output. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', 'vendor', '.terraform']);

export interface WalkOptions {
  limit?: number;
  /** Leaves out an entry (a folder with everything under it); asked once per folder and candidate file. */
  skip?: (fullPath: string, isDirectory: boolean) => boolean;
  /** Told about what could not be walked: an unreadable folder, a candidate name that is a FIFO, socket or device. */
  refused?: (fullPath: string, why: string) => void;
}

/**
 * Every file under `root` whose name could be a Dockerfile or YAML, depth-first, sorted for stable output.
 * Symlinked folders are not entered (no loops, nothing outside the tree); symlinked files are yielded for the
 * read guard to judge.
 */
export function* walkCandidates(root: string, options: number | WalkOptions = {}): Generator<string> {
  const { limit = Number.POSITIVE_INFINITY, skip, refused } = typeof options === 'number' ? { limit: options } : options;
  let count = 0;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (dir !== root || (error as NodeJS.ErrnoException).code !== 'ENOENT') refused?.(dir, `could not be listed (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !skip?.(full, true)) stack.push(full);
      } else if (isCandidatePath(full) && !skip?.(full, false)) {
        if (entry.isFile() || entry.isSymbolicLink()) files.push(full);
        else refused?.(full, 'is not a regular file (a FIFO, socket or device)');
      }
    }
    for (const file of files.reverse()) {
      if (count++ >= limit) return;
      yield file;
    }
  }
}
