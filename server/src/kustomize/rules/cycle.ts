import * as path from 'node:path';
import { rangeOf } from '../../yaml/parse';
import { isRemote } from '../model';
import { kustomizationFileIn, loadKustomization } from '../paths';
import type { KustomizeRule } from '../rule';

/** Deeper than any real tree; a bound on what one check reads. */
const MAX_DEPTH = 64;

/** A kustomization that, through resources or components, includes its own folder: kustomize reports a cycle. */
export const cycleRule: KustomizeRule = {
  id: 'KustomizeCycle',
  severity: 'error',
  doc: 'The kustomization includes itself through its resources or components (a cycle of kustomizations).',
  appliesTo: 'paths',
  check({ kustomization, workspace, report }) {
    const home = path.dirname(kustomization.file.path);
    for (const entry of kustomization.entries) {
      if ((entry.role !== 'resource' && entry.role !== 'component') || isRemote(entry.value) || !workspace.isDirectory(entry.absolute)) continue;
      const chain = cycleThrough(entry.absolute, home, workspace);
      if (!chain) continue;
      const range = rangeOf(kustomization.file.document, entry.node);
      const shown = [home, ...chain].map((dir) => path.relative(home, dir) || '.').join(' → ');
      if (range) report(range, `Cycle of kustomizations: ${shown}. kustomize fails with 'cycle detected'.`);
    }
  },
};

/** The folders from `start` back to `home` when one leads there (depth-first, each folder once). */
function cycleThrough(start: string, home: string, workspace: Parameters<KustomizeRule['check']>[0]['workspace']): string[] | undefined {
  const seen = new Set<string>();
  const walk = (dir: string, depth: number): string[] | undefined => {
    if (dir === home) return [dir];
    if (seen.has(dir) || depth > MAX_DEPTH) return undefined;
    seen.add(dir);
    const file = kustomizationFileIn(dir, workspace);
    const kustomization = file ? loadKustomization(file, workspace) : undefined;
    for (const entry of kustomization?.entries ?? []) {
      if ((entry.role !== 'resource' && entry.role !== 'component') || isRemote(entry.value) || !workspace.isDirectory(entry.absolute)) continue;
      const rest = walk(entry.absolute, depth + 1);
      if (rest) return [dir, ...rest];
    }
    return undefined;
  };
  return walk(start, 0);
}
