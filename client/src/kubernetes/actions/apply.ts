// Server-side apply (field manager "shipshape") of every document of a file, with a preview: the
// diff between the live object and what a server-side dry-run apply would make of it (the same
// idea as kubectl diff), so defaults and other managers' fields are taken into account.
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
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

async function readLive(conn: ClusterConnection, obj: KubeObject): Promise<KubeObject | undefined> {
  try {
    return (await conn.objects.read(obj as KubernetesObject & { metadata: { name: string } })) as KubeObject;
  } catch (err) {
    if (describeKubeError(err).status === 404) return undefined;
    throw err;
  }
}

function defaultNamespace(conn: ClusterConnection, obj: KubeObject, namespaced: boolean): KubeObject {
  if (!namespaced || obj.metadata.namespace) return obj;
  return { ...obj, metadata: { ...obj.metadata, namespace: conn.namespace } };
}

/** Is the kind namespaced? Asked of the API server's discovery (handles CRDs). */
async function isNamespaced(conn: ClusterConnection, obj: KubeObject): Promise<boolean> {
  const path = obj.apiVersion!.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const list = await conn.json<{ resources: { kind: string; namespaced: boolean; name: string }[] }>(path);
  const r = list.resources.find((x) => x.kind === obj.kind && !x.name.includes('/'));
  if (!r) throw new Error(`The cluster does not know ${obj.kind} in ${obj.apiVersion}`);
  return r.namespaced;
}

/**
 * Applies (or, with dryRun, previews) each object. One failing object does not stop the others;
 * each result says what happened.
 */
export async function applyObjects(conn: ClusterConnection, objects: KubeObject[], opts: { dryRun?: boolean; force?: boolean } = {}): Promise<ApplyResult[]> {
  await conn.ready();
  const results: ApplyResult[] = [];
  for (const raw of objects) {
    let ref = refOf(raw);
    try {
      const obj = defaultNamespace(conn, raw, await isNamespaced(conn, raw));
      ref = refOf(obj);
      const live = await readLive(conn, obj);
      const applied = (await conn.objects.patch(
        obj as KubernetesObject,
        undefined,
        opts.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        opts.force ?? false,
        PatchStrategy.ServerSideApply,
      )) as KubeObject;
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
