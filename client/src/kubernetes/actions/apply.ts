// Server-side apply (field manager "shipshape", never forced) of every document of a file, as Mutations
// for the change door, which shows the diff between each live object and what a server-side dry-run
// apply would make of it (the same idea as kubectl diff), so defaults and other managers' fields count.
import type { ClusterConnection } from '../cluster/connection';
import { APPLY_PATCH, type Mutation } from '../change/door';
import { apiBasePath } from '../resources/kinds';
import type { KubeObject } from '../resources/types';

const refOf = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

interface Discovered {
  plural: string;
  namespaced: boolean;
}

/** The resource (plural, scope) for apiVersion+kind, from the API server's discovery (handles CRDs). */
async function discover(conn: ClusterConnection, obj: KubeObject, cache: Map<string, Promise<Discovered>>): Promise<Discovered> {
  const base = apiBasePath(obj.apiVersion ?? '');
  const key = `${base}/${obj.kind}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = conn.json<{ resources: { kind: string; namespaced: boolean; name: string }[] }>(base).then((list) => {
      const r = list.resources.find((x) => x.kind === obj.kind && !x.name.includes('/'));
      if (!r) throw new Error(`The cluster does not know ${obj.kind} in ${obj.apiVersion}`);
      return { plural: r.name, namespaced: r.namespaced };
    });
    cache.set(key, hit);
  }
  return hit;
}

/**
 * One server-side apply per object, namespaced objects without a namespace put in `conn.namespace`.
 * An object whose kind the cluster does not serve becomes a refused mutation: reported, never sent.
 */
export async function applyChanges(conn: ClusterConnection, objects: KubeObject[]): Promise<Mutation[]> {
  const discovered = new Map<string, Promise<Discovered>>();
  const out: Mutation[] = [];
  for (const raw of objects) {
    try {
      const d = await discover(conn, raw, discovered);
      const obj = d.namespaced && !raw.metadata.namespace ? { ...raw, metadata: { ...raw.metadata, namespace: conn.namespace } } : raw;
      const ns = d.namespaced ? `/namespaces/${encodeURIComponent(obj.metadata.namespace!)}` : '';
      out.push({ ref: refOf(obj), method: 'PATCH', path: `${apiBasePath(obj.apiVersion!)}${ns}/${encodeURIComponent(d.plural)}/${encodeURIComponent(obj.metadata.name)}`, body: obj, contentType: APPLY_PATCH });
    } catch (err) {
      out.push({ ref: refOf(raw), method: 'PATCH', path: '', refused: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}
