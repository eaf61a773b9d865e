import type { KubeWorkspaceRule } from '../rule';
import { referencesOf } from '../validation/references';
import { POD_SPEC_KINDS, asArray, getPath } from '../validation/pod-spec';

/** configMapRef / secretRef / persistentVolumeClaim names that no file of the workspace declares. */
export const missingReferenceRule: KubeWorkspaceRule = {
  id: 'KubeMissingReference',
  severity: 'warning',
  doc: 'A ConfigMap, Secret or PersistentVolumeClaim referenced by a pod that no manifest in the workspace declares.',
  appliesTo: { objects: 'every', kinds: POD_SPEC_KINDS, workspace: true },
  check(ctx) {
    const claimTemplates = new Set(asArray(getPath(ctx.value, ['spec', 'volumeClaimTemplates'])).map((t) => getPath(t, ['metadata', 'name'])));
    const references = referencesOf(ctx.kind, ctx.value).filter((r) => !r.optional && !(r.kind === 'PersistentVolumeClaim' && claimTemplates.has(r.name)));
    if (!references.length) return;
    for (const ref of references) {
      if (!ctx.declared.declares(ref.kind, ref.name, ctx.doc.namespace)) ctx.report(ref.path, `${ref.kind} "${ref.name}" is not declared in any manifest of the workspace`, { data: { reference: ref.kind } });
    }
  },
};
