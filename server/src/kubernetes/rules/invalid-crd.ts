import type { KubeRule } from '../rule';
import { checkCrd } from '../crd/definition-checks';
import { defaultFindings } from '../crd/default-checks';
import { isRecord } from '../model/documents';

/**
 * A CustomResourceDefinition kube-apiserver refuses to create: a schema type it does not know ("strign"),
 * a schema that is not structural, no version or two marked storage, a name that is not plural.group…
 * Custom resources are only as good as their definition, so these are errors on the CRD itself.
 */
export const invalidCrdRule: KubeRule = {
  id: 'KubeInvalidCrd',
  severity: 'error',
  doc: 'A CustomResourceDefinition kube-apiserver rejects: invalid schema types, non-structural schemas, defaults that break their schema, storage versions, names, subresources, printer columns or conversion.',
  appliesTo: { objects: 'built-in', kinds: ['CustomResourceDefinition'] },
  check(ctx) {
    if (ctx.apiVersion !== 'apiextensions.k8s.io/v1') return;
    const problems = checkCrd(ctx.value);
    for (const problem of problems) ctx.report(problem.path, problem.message, { part: problem.part });
    // The server checks defaults only against a schema that is otherwise valid.
    const versions = isRecord(ctx.value.spec) && Array.isArray(ctx.value.spec.versions) ? ctx.value.spec.versions : [];
    versions.forEach((version, i) => {
      const schema = isRecord(version) && isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
      const at = ['spec', 'versions', i, 'schema', 'openAPIV3Schema'];
      if (!isRecord(schema) || problems.some((p) => at.every((segment, k) => p.path[k] === segment))) return;
      for (const f of defaultFindings(ctx.doc, at, `spec.versions[${i}].schema.openAPIV3Schema`, schema)) ctx.report(at, String(f.message), { range: f.range });
    });
  },
};
