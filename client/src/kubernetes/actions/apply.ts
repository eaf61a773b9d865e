// Server-side apply (field manager "shipshape") of every document of a file, with a preview: the
// diff between the live object and what a server-side dry-run apply would make of it (the same
// idea as kubectl diff), so defaults and other managers' fields are taken into account.
import type { ClusterConnection } from '../cluster/connection';
import { describeKubeError } from '../cluster/errors';
import type { KubeObject } from '../resources/types';
import { comparable } from './manifests';
import { unifiedDiff } from './text-diff';

export const FIELD_MANAGER = 'shipshape';

export interface ApplyResult {
  ref: string;
  action: 'created' | 'configured' | 'unchanged' | 'failed';
  error?: string;
  /** Unified diff live -> applied (empty when unchanged). */
  diff: string;
  result?: KubeObject;
}

const refOf = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

interface Discovered {
  plural: string;
  namespaced: boolean;
}

/** The resource (plural, scope) for apiVersion+kind, from the API server's discovery (handles CRDs). */
async function discover(conn: ClusterConnection, obj: KubeObject, cache: Map<string, Discovered>): Promise<Discovered> {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const path = obj.apiVersion!.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const list = await conn.json<{ resources: { kind: string; namespaced: boolean; name: string }[] }>(path);
  const r = list.resources.find((x) => x.kind === obj.kind && !x.name.includes('/'));
  if (!r) throw new Error(`The cluster does not know ${obj.kind} in ${obj.apiVersion}`);
  const found = { plural: r.name, namespaced: r.namespaced };
  cache.set(key, found);
  return found;
}

function pathOf(obj: KubeObject, d: Discovered): string {
  const base = obj.apiVersion!.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const ns = d.namespaced ? `/namespaces/${encodeURIComponent(obj.metadata.namespace!)}` : '';
  return `${base}${ns}/${d.plural}/${encodeURIComponent(obj.metadata.name)}`;
}

/**
 * Applies (or, with dryRun, previews) each object. One failing object does not stop the others;
 * each result says what happened.
 */
export async function applyObjects(conn: ClusterConnection, objects: KubeObject[], opts: { dryRun?: boolean; force?: boolean } = {}): Promise<ApplyResult[]> {
  await conn.ready();
  const results: ApplyResult[] = [];
  const discovered = new Map<string, Discovered>();
  for (const raw of objects) {
    let ref = refOf(raw);
    try {
      const d = await discover(conn, raw, discovered);
      const obj = d.namespaced && !raw.metadata.namespace ? { ...raw, metadata: { ...raw.metadata, namespace: conn.namespace } } : raw;
      ref = refOf(obj);
      const path = pathOf(obj, d);
      const live = await conn.json<KubeObject>(path).catch((err: unknown) => {
        if (describeKubeError(err).status === 404) return undefined;
        throw err;
      });
      const applied = await conn.json<KubeObject>(path, {
        method: 'PATCH',
        body: obj,
        contentType: 'application/apply-patch+yaml',
        query: { fieldManager: FIELD_MANAGER, force: opts.force || undefined, dryRun: opts.dryRun ? 'All' : undefined },
      });
      const diff = unifiedDiff(comparable(live), comparable(applied), { before: `live ${ref}`, after: `${opts.dryRun ? 'dry-run' : 'applied'} ${ref}` });
      results.push({ ref, action: !live ? 'created' : diff ? 'configured' : 'unchanged', diff, result: applied });
    } catch (err) {
      const e = describeKubeError(err);
      results.push({ ref, action: 'failed', error: e.status ? `${e.status} ${e.reason}: ${e.message}` : e.message, diff: '' });
    }
  }
  return results;
}

/** The preview: a dry-run apply of each object. */
export function previewApply(conn: ClusterConnection, objects: KubeObject[]): Promise<ApplyResult[]> {
  return applyObjects(conn, objects, { dryRun: true });
}
