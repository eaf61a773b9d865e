// Custom kinds from a cluster's published /openapi/v3 group-version documents (see OpenApiGroupVersion):
// component schemas with $ref / allOf wrappers, resolved here into the walker's SchemaNodes.
import { BUNDLED_REF_PREFIX, type OpenApiGroupVersion } from '../../../../protocol';
import type { SchemaNode } from '../schema/store';
import { isRecord } from '../model/documents';
import { fromOpenApiV3, type CrdKind } from './index';

/** The kinds of one group-version document. `$ref` cycles (recursive types) become "any" where they close. */
export function kindsOfOpenApiGroupVersion(gv: OpenApiGroupVersion, uri: string): CrdKind[] {
  const done = new Map<string, SchemaNode>();
  const inProgress = new Set<string>();
  const resolve = (name: string): SchemaNode => {
    if (name.startsWith(BUNDLED_REF_PREFIX)) return { $: name };
    const known = done.get(name);
    if (known) return known;
    if (inProgress.has(name) || !isRecord(gv.schemas[name])) return { t: 'any' };
    inProgress.add(name);
    const node = fromOpenApiV3(gv.schemas[name], resolve);
    inProgress.delete(name);
    done.set(name, node);
    return node;
  };
  const out: CrdKind[] = [];
  for (const { kind, scope, schema } of gv.kinds) {
    // A copy: the root's apiVersion/kind/metadata are filled in below and the node may be shared.
    const root = { ...resolve(schema) };
    if (root.p) {
      root.p = { ...root.p };
      root.p.apiVersion ??= { t: 'string' };
      root.p.kind ??= { t: 'string' };
      root.p.metadata = { $: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
    }
    out.push({ apiVersion: gv.groupVersion, kind, scope: scope === 'Cluster' ? 'Cluster' : 'Namespaced', schema: root, uri, line: 0 });
  }
  return out;
}
