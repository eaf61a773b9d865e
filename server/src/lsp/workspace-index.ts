import * as fs from 'node:fs';
import { loadFile } from '../core/load';
import { walkCandidates } from '../core/walk';
import type { ServerState } from './state';

/** Bounded so a huge monorepo cannot stall the server; cross-file checks see the first files found. */
const MAX_INDEXED_FILES = 5000;
const MAX_INDEXED_BYTES = 1024 * 1024;

/**
 * Indexes the workspace's Shipshape files for cross-file checks, in small slices between requests
 * so typing is never blocked by it.
 */
export async function indexWorkspace(roots: readonly string[], state: ServerState, log: (message: string) => void): Promise<number> {
  let count = 0;
  const started = Date.now();
  for (const root of roots) {
    for (const filePath of walkCandidates(root, MAX_INDEXED_FILES - count)) {
      indexFile(filePath, state);
      if (++count % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  log(`Indexed ${count} files in ${Date.now() - started} ms`);
  return count;
}

export function indexFile(filePath: string, state: ServerState): void {
  state.workspace.invalidate(filePath);
  let text: string;
  try {
    if (fs.statSync(filePath).size > MAX_INDEXED_BYTES) return;
    text = fs.readFileSync(filePath, 'utf8');
  } catch {
    state.workspace.removeIndexed(filePath);
    return;
  }
  const file = loadFile(filePath, text, state.settings, state.chartProbe, state.clusterVersion);
  if (file) state.workspace.setIndexed(file);
  else state.workspace.removeIndexed(filePath);
}
