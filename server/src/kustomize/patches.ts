import type { Workspace } from '../core/workspace';
import { kustomizationOf } from './model';

/** The last answer, for as long as the workspace's kustomizations are the same SourceFiles. */
let last: { kustomizations: object[]; patches: ReadonlySet<string> } | undefined;

/**
 * Every file a kustomization of the workspace uses as a patch (patches[].path, patchesStrategicMerge,
 * patchesJson6902[].path). Such a file is a fragment merged into its target, not an object of its own, so
 * it must not be checked as a whole one (a Deployment patch has no selector, its containers no image).
 */
export function patchFiles(workspace: Workspace): ReadonlySet<string> {
  const kustomizations: object[] = [];
  for (const file of workspace.files()) if (file.kind === 'kustomization') kustomizations.push(file);
  if (last && last.kustomizations.length === kustomizations.length && last.kustomizations.every((file, i) => file === kustomizations[i])) return last.patches;
  const patches = new Set<string>();
  for (const file of workspace.files()) {
    if (file.kind !== 'kustomization') continue;
    for (const entry of kustomizationOf(file)?.entries ?? []) if (entry.role === 'patch') patches.add(entry.absolute);
  }
  last = { kustomizations, patches };
  return patches;
}

/** Whether a file is some workspace kustomization's patch. */
export function isPatchFile(filePath: string, workspace: Workspace): boolean {
  return filePath !== '' && patchFiles(workspace).has(filePath);
}
