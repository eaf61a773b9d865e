import * as fs from 'node:fs';
import { globSync } from 'glob';
import { walkCandidates } from '../core/walk';
import { UsageError } from './usage';

const GLOB_CHARS = /[*?[\]{}]/;

/** Expands the command line's paths and globs into files, each once, in the order given. */
export function collectFiles(args: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      out.push(file);
    }
  };
  for (const arg of args.length ? args : ['.']) {
    if (GLOB_CHARS.test(arg) && !fs.existsSync(arg)) {
      const matches = globSync(arg, { nodir: false, dot: false, ignore: ['**/node_modules/**', '**/.git/**'] }).sort();
      if (!matches.length) throw new UsageError(`no files match '${arg}'`);
      for (const match of matches) addPath(match, add);
      continue;
    }
    if (!fs.existsSync(arg)) throw new UsageError(`no such file or folder: ${arg}`);
    addPath(arg, add);
  }
  return out;
}

function addPath(target: string, add: (file: string) => void): void {
  if (fs.statSync(target).isDirectory()) {
    for (const file of walkCandidates(target)) add(file);
  } else {
    add(target);
  }
}
