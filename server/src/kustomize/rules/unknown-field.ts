import { rangeOf } from '../../yaml/parse';
import { walkFields } from '../fields';
import type { KustomizeRule } from '../rule';

/** kustomize decodes kustomization files strictly: a key its types do not have fails the build. */
export const unknownFieldRule: KustomizeRule = {
  id: 'KustomizeUnknownField',
  severity: 'error',
  doc: 'A kustomization key that kustomize does not know; `kustomize build` fails on it.',
  appliesTo: 'file',
  check({ kustomization, report }) {
    for (const visited of walkFields(kustomization)) {
      if (visited.field) continue;
      const range = rangeOf(kustomization.file.document, visited.pair.key as never);
      if (range) report(range, `Unknown field "${visited.key}" in ${visited.struct === 'Kustomization' ? 'a kustomization' : visited.struct}: kustomize fails with 'json: unknown field "${visited.key}"'.`);
    }
  },
};
