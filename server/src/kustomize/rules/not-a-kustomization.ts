import { rangeOf } from '../../yaml/parse';
import { isRemote } from '../model';
import { kustomizationFileIn } from '../paths';
import type { KustomizeRule } from '../rule';

/** A resources or components folder must hold a kustomization; kustomize fails on one that does not. */
export const notAKustomizationRule: KustomizeRule = {
  id: 'KustomizeNotAKustomization',
  severity: 'error',
  doc: 'A folder listed in resources or components has no kustomization.yaml, kustomization.yml or Kustomization.',
  appliesTo: 'paths',
  check({ kustomization, workspace, report }) {
    for (const entry of kustomization.entries) {
      if ((entry.role !== 'resource' && entry.role !== 'component') || isRemote(entry.value) || !workspace.isDirectory(entry.absolute)) continue;
      if (kustomizationFileIn(entry.absolute, workspace)) continue;
      const range = rangeOf(kustomization.file.document, entry.node);
      if (range) report(range, `"${entry.value}" is a folder without a kustomization: kustomize needs kustomization.yaml, kustomization.yml or Kustomization in ${entry.absolute}.`);
    }
  },
};
