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
      const refused = indexFile(filePath, state);
      if (refused) log(refused);
      if (++count % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  log(`Indexed ${count} files in ${Date.now() - started} ms`);
  return count;
}

/**
 * (Re)reads one file into the index through the workspace's read guard. Returns why it was left out when it
 * was refused (a FIFO, a device, a symlink out of the workspace), for the log; a missing or merely large
 * file is left out silently.
 */
export function indexFile(filePath: string, state: ServerState): string | undefined {
  state.workspace.invalidate(filePath);
  const problem = state.workspace.check(filePath, MAX_INDEXED_BYTES);
  const result = problem ?? state.workspace.read(filePath);
  if (!result.ok) {
    state.workspace.removeIndexed(filePath);
    return result.reason === 'missing' || result.reason === 'too-large' ? undefined : `Not indexed: ${filePath} ${result.message}`;
  }
  const file = loadFile(filePath, result.text, state.settingsFor(filePath), state.chartProbe, state.clusterVersion);
  if (file) state.workspace.setIndexed(file);
  else state.workspace.removeIndexed(filePath);
  return undefined;
}
