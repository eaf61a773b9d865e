import { rangeOf } from '../../yaml/parse';
import { isRemote } from '../model';
import type { KustomizeRule } from '../rule';

/** A file or folder the kustomization names that is not there: the build fails at that entry. */
export const pathNotFoundRule: KustomizeRule = {
  id: 'KustomizePathNotFound',
  severity: 'error',
  doc: 'A resource, component, patch or generator file the kustomization names does not exist.',
  appliesTo: 'paths',
  check({ kustomization, workspace, report }) {
    for (const entry of kustomization.entries) {
      if (isRemote(entry.value) || workspace.exists(entry.absolute)) continue;
      const range = rangeOf(kustomization.file.document, entry.node);
      if (range) report(range, `${entry.field} entry "${entry.value}" does not exist (${entry.absolute}).`);
    }
  },
};
