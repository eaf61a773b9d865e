import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCandidatePath } from './detect';

/** Folders never worth walking into: dependencies, VCS data, build output. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', 'vendor', '.terraform']);

/** Every file under `root` whose name could be a Dockerfile or YAML, depth-first, sorted for stable output. */
export function* walkCandidates(root: string, limit = Number.POSITIVE_INFINITY): Generator<string> {
  let count = 0;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isCandidatePath(full)) {
        files.push(full);
      }
    }
    for (const file of files.reverse()) {
      if (count++ >= limit) return;
      yield file;
    }
  }
}
