// Actions on live objects, each one request (or a read and one request) the way kubectl does it.
import type { ClusterConnection } from '../cluster/connection';
import { describeKubeError } from '../cluster/errors';
import { collectionPath, objectPath, type ResourceKind } from '../resources/kinds';
import type { KubeList, KubeObject } from '../resources/types';
import { FIELD_MANAGER } from './apply';

export interface ObjectRef {
  kind: ResourceKind;
  namespace?: string;
  name: string;
}

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

function patch(conn: ClusterConnection, ref: ObjectRef, body: unknown, contentType: string, sub = ''): Promise<KubeObject> {
  return conn.json<KubeObject>(objectPath(ref.kind, ref.namespace, ref.name) + sub, { method: 'PATCH', body, contentType, query: { fieldManager: FIELD_MANAGER } });
}

export function getObject(conn: ClusterConnection, ref: ObjectRef): Promise<KubeObject> {
  return conn.json<KubeObject>(objectPath(ref.kind, ref.namespace, ref.name));
}

/** Sets replicas through the scale subresource (works for Deployments, StatefulSets, ReplicaSets and CRDs with scale). */
export function scale(conn: ClusterConnection, ref: ObjectRef, replicas: number): Promise<KubeObject> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, got ${replicas}`);
  return patch(conn, ref, { spec: { replicas } }, MERGE, '/scale');
}

/** kubectl rollout restart: a new pod-template annotation makes the controller roll every pod. */
export function rolloutRestart(conn: ClusterConnection, ref: ObjectRef, now = new Date()): Promise<KubeObject> {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(ref.kind.kind)) throw new Error(`rollout restart works on Deployments, StatefulSets and DaemonSets, not ${ref.kind.kind}`);
  return patch(conn, ref, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } }, STRATEGIC);
}

const REVISION = 'deployment.kubernetes.io/revision';

/** kubectl rollout undo for a Deployment: the pod template of the previous (or given) revision's ReplicaSet. */
export async function rolloutUndo(conn: ClusterConnection, ref: ObjectRef, toRevision?: number): Promise<{ revision: number; deployment: KubeObject }> {
  if (ref.kind.kind !== 'Deployment') throw new Error(`rollout undo is implemented for Deployments, not ${ref.kind.kind}`);
  // The patch is conditional on the resourceVersion it was computed from; status updates by the
  // controller change it often, so a failed precondition is retried from a fresh read.
  for (let attempt = 1; ; attempt++) {
    try {
      return await rolloutUndoOnce(conn, ref, toRevision);
    } catch (err) {
      const status = describeKubeError(err).status;
      if (attempt >= 5 || (status !== 422 && status !== 409)) throw err;
    }
  }
}

async function rolloutUndoOnce(conn: ClusterConnection, ref: ObjectRef, toRevision?: number): Promise<{ revision: number; deployment: KubeObject }> {
  const dep = await getObject(conn, ref);
  const rsKind: ResourceKind = { ...ref.kind, plural: 'replicasets', kind: 'ReplicaSet' };
  const list = await conn.json<KubeList>(collectionPath(rsKind, ref.namespace));
  const owned = list.items
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === dep.metadata.uid))
    .map((rs) => ({ rs, revision: Number(rs.metadata.annotations?.[REVISION] ?? 0) }))
    .sort((a, b) => b.revision - a.revision);
  const current = Number(dep.metadata.annotations?.[REVISION] ?? owned[0]?.revision ?? 0);
  const target = toRevision !== undefined ? owned.find((o) => o.revision === toRevision) : owned.find((o) => o.revision < current);
  if (!target) throw new Error(toRevision !== undefined ? `Deployment ${ref.name} has no revision ${toRevision}` : `Deployment ${ref.name} has no previous revision to roll back to`);
  const template = structuredClone(target.rs.spec.template);
  delete template.metadata?.labels?.['pod-template-hash'];
  const deployment = await patch(
    conn,
    ref,
    [
      { op: 'test', path: '/metadata/resourceVersion', value: dep.metadata.resourceVersion },
      { op: 'replace', path: '/spec/template', value: template },
    ],
    JSON_PATCH,
  );
  return { revision: target.revision, deployment };
}

/** kubectl set image: container name → image, for a workload's template or a bare pod. */
export function setImage(conn: ClusterConnection, ref: ObjectRef, container: string, image: string): Promise<KubeObject> {
  const containers = [{ name: container, image }];
  const body = ref.kind.kind === 'Pod' ? { spec: { containers } } : ref.kind.kind === 'CronJob' ? { spec: { jobTemplate: { spec: { template: { spec: { containers } } } } } } : { spec: { template: { spec: { containers } } } };
  return patch(conn, ref, body, STRATEGIC);
}

/** Marks a node (un)schedulable. */
export function cordon(conn: ClusterConnection, node: string, unschedulable: boolean): Promise<KubeObject> {
  const kind: ResourceKind = { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false, category: 'Cluster', title: 'Nodes' };
  return patch(conn, { kind, name: node }, { spec: { unschedulable: unschedulable ? true : null } }, MERGE);
}

/** Deletes with background propagation (dependents are collected by the garbage collector). */
export function deleteObject(conn: ClusterConnection, ref: ObjectRef, opts: { gracePeriodSeconds?: number } = {}): Promise<unknown> {
  return conn.json(objectPath(ref.kind, ref.namespace, ref.name), {
    method: 'DELETE',
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', gracePeriodSeconds: opts.gracePeriodSeconds },
  });
}
