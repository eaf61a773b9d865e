import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { kustomizationOf } from './model';

/** Per workspace, the patch set of its last revision (Workspace.revisionFor), like the object and CRD indexes. */
const byRevision = new WeakMap<Workspace, { revision: number; patches: ReadonlySet<string> }>();

/**
 * Every file a kustomization of the workspace uses as a patch (patches[].path, patchesStrategicMerge,
 * patchesJson6902[].path). Such a file is a fragment merged into its target, not an object of its own, so
 * it must not be checked as a whole one (a Deployment patch has no selector, its containers no image).
 * Computed once per workspace revision, so a pass over every file of the workspace does not scan it per file.
 */
function patchFiles(workspace: Workspace, revision: number | undefined): ReadonlySet<string> {
  const last = byRevision.get(workspace);
  if (revision !== undefined && last?.revision === revision) return last.patches;
  const patches = new Set<string>();
  for (const file of workspace.files()) {
    if (file.kind !== 'kustomization') continue;
    for (const entry of kustomizationOf(file)?.entries ?? []) if (entry.role === 'patch') patches.add(entry.absolute);
  }
  if (revision !== undefined) byRevision.set(workspace, { revision, patches });
  return patches;
}

/** Whether a file is some workspace kustomization's patch. */
export function isPatchFile(file: SourceFile, workspace: Workspace): boolean {
  return file.path !== '' && patchFiles(workspace, workspace.revisionFor?.(file)).has(file.path);
}
