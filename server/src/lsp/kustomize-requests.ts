import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { KUSTOMIZE_BUILT_MANIFEST_REQUEST, type KustomizeBuiltManifestParams, type KustomizeBuiltManifestResult } from '../../../protocol';
import { pathToUri, uriToPath } from '../core/source';
import { buildKustomization } from '../engines/kustomize';
import type { EngineProcess } from '../engines/process';
import { kustomizeGraph } from '../kustomize/graph';
import { KUSTOMIZATION_NAMES } from '../kustomize/model';
import type { ServerState } from './state';

/**
 * "Show Built Manifest": the kustomization of a file (the file itself, else the root whose build reads it,
 * else one in its folder) built as `kustomize build` prints it, over the open files' unsaved text and read
 * through the workspace's guard. Not the validation's build: that one carries origin annotations.
 */
export function registerKustomizeRequests(connection: Connection, state: ServerState, engine: () => EngineProcess): void {
  connection.onRequest(KUSTOMIZE_BUILT_MANIFEST_REQUEST, async (params: KustomizeBuiltManifestParams): Promise<KustomizeBuiltManifestResult> => {
    const file = typeof params?.uri === 'string' ? uriToPath(params.uri) : '';
    const kustomization = file ? kustomizationFor(file, state) : undefined;
    if (!kustomization) return { kustomization: null, yaml: `# ${file || params?.uri} is not a kustomization, and no kustomization of the workspace builds it.\n` };
    // Every open file: the engine reads only those the build needs.
    const overlay: Record<string, string> = {};
    for (const open of state.workspace.openFiles()) if (open.path) overlay[open.path] = open.text;
    const policy = state.workspace.readPolicy();
    const header = `# kustomize build ${path.dirname(kustomization)} (Shipshape's engine)\n`;
    try {
      const result = await buildKustomization(engine(), { path: path.dirname(kustomization), overlay, roots: policy.roots, maxFileBytes: policy.maxBytes }, { timeoutMs: 30_000 });
      return { kustomization: pathToUri(kustomization), yaml: result.error === undefined ? header + result.yaml : `${header}# kustomize build fails:\n${comment(result.error)}` };
    } catch (error) {
      return { kustomization: pathToUri(kustomization), yaml: `${header}# The kustomization could not be built:\n${comment(error instanceof Error ? error.message : String(error))}` };
    }
  });
}

function comment(text: string): string {
  return text
    .split('\n')
    .map((line) => `#   ${line}\n`)
    .join('');
}

function kustomizationFor(file: string, state: ServerState): string | undefined {
  if ((KUSTOMIZATION_NAMES as readonly string[]).includes(path.basename(file))) return file;
  const roots = kustomizeGraph(state.workspace, undefined).rootsReading(file);
  if (roots.length) return roots[0].file.path;
  for (const name of KUSTOMIZATION_NAMES) if (state.workspace.exists(path.join(path.dirname(file), name))) return path.join(path.dirname(file), name);
  return undefined;
}
