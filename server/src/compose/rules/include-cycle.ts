import * as path from 'node:path';
import type { Workspace } from '../../core/workspace';
import { composeDocument, isJsonMap, type Json } from '../document';
import { includePaths } from '../project';
import { rangeAt, type ComposeRule } from '../rule';

/**
 * `include:` entries that lead back to a file already being loaded (a includes b includes a): compose-go
 * stops with "include cycle detected". Each include line of this file that starts such a chain is
 * reported, with the chain; the other files report theirs when they are checked. Files are read through
 * the workspace (open editors first, cached).
 */
export const includeCycleRule: ComposeRule = {
  id: 'IncludeCycle',
  severity: 'error',
  doc: 'An include: entry that leads back to a file already being included, so docker compose cannot load the project.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, workspace, report }) {
    if (!compose.path || !Array.isArray(compose.model.include)) return;
    const dir = path.dirname(compose.path);
    compose.model.include.forEach((entry, index) => {
      // compose-go checks the first file of an entry (the others are its overrides).
      const [target] = includePaths([entry], dir);
      if (!target) return;
      const cycle = cycleFrom(target, [compose.path], workspace);
      if (!cycle) return;
      const at = typeof entry === 'string' ? ['include', index] : isJsonMap(entry) && Array.isArray(entry.path) ? ['include', index, 'path', 0] : ['include', index, 'path'];
      const chain = [compose.path, ...cycle].map((f) => path.relative(dir, f) || path.basename(f)).join(' includes ');
      report(rangeAt(compose, at), `include cycle detected: ${chain}. Remove the include that leads back.`);
    });
  },
};

/** The include chain from `file` that reaches a file of `chain` again (ending with it), or undefined. */
function cycleFrom(file: string, chain: string[], workspace: Workspace, seen = new Set<string>()): string[] | undefined {
  if (chain.includes(file)) return [file];
  // A file whose includes were followed from this chain without a cycle needs no second visit (diamonds).
  if (seen.has(file)) return undefined;
  seen.add(file);
  const text = workspace.readFile(file);
  if (text === undefined) return undefined;
  const include: Json | undefined = composeDocument(file, text, workspace).model.include;
  for (const next of includePaths(include, path.dirname(file))) {
    const rest = cycleFrom(next, [...chain, file], workspace, seen);
    if (rest) return [file, ...rest];
  }
  return undefined;
}
