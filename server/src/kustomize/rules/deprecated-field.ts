import { rangeOf } from '../../yaml/parse';
import { DEPRECATED_FIELDS } from '../edit-fix';
import type { KustomizeRule } from '../rule';

/** The fields kustomize warns about on every build (types.Kustomization.GetDeprecatedWarnings), with their quick fix. */
export const deprecatedFieldRule: KustomizeRule = {
  id: 'KustomizeDeprecatedField',
  severity: 'warning',
  doc: "A deprecated kustomization field (bases, commonLabels, imageTags, patchesJson6902, patchesStrategicMerge, vars); the quick fix rewrites it as 'kustomize edit fix' does.",
  appliesTo: 'file',
  check({ kustomization, report }) {
    const root = kustomization.yaml.contents as { items?: { key: { value?: unknown } | null }[] } | null;
    for (const pair of root?.items ?? []) {
      const key = pair.key?.value;
      if (typeof key !== 'string' || !Object.hasOwn(DEPRECATED_FIELDS, key)) continue;
      const replacement = DEPRECATED_FIELDS[key];
      const range = rangeOf(kustomization.file.document, pair.key as never);
      const fix = replacement.fixable ? " Run 'kustomize edit fix' or use the quick fix." : ' kustomize has no automatic rewrite yet (edit fix --vars is experimental).';
      if (range) report(range, `'${key}' is deprecated. Please use '${replacement.use}' instead.${fix}`, replacement.fixable ? { kustomizeFix: key } : undefined);
    }
  },
};
