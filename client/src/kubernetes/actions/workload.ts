// Changes to live objects, each one request the way kubectl makes it, as Mutations for the change door
// (kubernetes/change/door.ts), which previews, asks and sends them. Reads go straight to the connection.
import type { ClusterConnection } from '../cluster/connection';
import type { Mutation } from '../change/door';
import { collectionPath, objectPath, type ResourceKind } from '../resources/kinds';
import { atPodSpec } from '../resources/pod-spec';
import type { KubeList, KubeObject } from '../resources/types';

export interface ObjectRef {
  kind: ResourceKind;
  namespace?: string;
  name: string;
}

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

/** "Deployment default/web" */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function patch(ref: ObjectRef, body: unknown, contentType: string, sub = ''): Mutation {
  return { ref: describeRef(ref), method: 'PATCH', path: objectPath(ref.kind, ref.namespace, ref.name) + sub, body, contentType };
}

export function getObject(conn: ClusterConnection, ref: ObjectRef): Promise<KubeObject> {
  return conn.json<KubeObject>(objectPath(ref.kind, ref.namespace, ref.name));
}

/** Sets replicas through the scale subresource (works for Deployments, StatefulSets, ReplicaSets and CRDs with scale). */
export function scaleChange(ref: ObjectRef, replicas: number): Mutation {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, got ${replicas}`);
  return patch(ref, { spec: { replicas } }, MERGE, '/scale');
}

/** kubectl rollout restart: a new pod-template annotation makes the controller roll every pod. */
export function rolloutRestartChange(ref: ObjectRef, now = new Date()): Mutation {
  if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(ref.kind.kind)) throw new Error(`rollout restart works on Deployments, StatefulSets and DaemonSets, not ${ref.kind.kind}`);
  return patch(ref, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } }, STRATEGIC);
}

const REVISION = 'deployment.kubernetes.io/revision';

/**
 * kubectl rollout undo for a Deployment: the pod template of the previous (or given) revision's
 * ReplicaSet. The patch is conditional on the resourceVersion it was computed from; the controller's
 * status updates change it often, so the door rebuilds it from a fresh read on a failed test.
 */
export async function rolloutUndoChange(conn: ClusterConnection, ref: ObjectRef, toRevision?: number): Promise<{ revision: number; mutation: Mutation }> {
  if (ref.kind.kind !== 'Deployment') throw new Error(`rollout undo is implemented for Deployments, not ${ref.kind.kind}`);
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
  const mutation: Mutation = {
    ...patch(
      ref,
      [
        { op: 'test', path: '/metadata/resourceVersion', value: dep.metadata.resourceVersion },
        { op: 'replace', path: '/spec/template', value: template },
      ],
      JSON_PATCH,
    ),
    rebuild: async () => (await rolloutUndoChange(conn, ref, target.revision)).mutation,
  };
  return { revision: target.revision, mutation };
}

/** kubectl set image: container name → image, for a workload's template or a bare pod. */
export function setImageChange(ref: ObjectRef, container: string, image: string): Mutation {
  return patch(ref, atPodSpec(ref.kind.kind, { containers: [{ name: container, image }] }), STRATEGIC);
}

export const NODE_KIND: ResourceKind = { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false, category: 'Cluster', title: 'Nodes' };

/** Marks a node (un)schedulable. */
export function cordonChange(node: string, unschedulable: boolean): Mutation {
  return patch({ kind: NODE_KIND, name: node }, { spec: { unschedulable: unschedulable ? true : null } }, MERGE);
}

/** Deletes with background propagation (dependents are collected by the garbage collector); the door adds the uid precondition. */
export function deleteChange(ref: ObjectRef, opts: { gracePeriodSeconds?: number; uid?: string } = {}): Mutation {
  return {
    ref: describeRef(ref),
    method: 'DELETE',
    path: objectPath(ref.kind, ref.namespace, ref.name),
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', gracePeriodSeconds: opts.gracePeriodSeconds, ...(opts.uid ? { preconditions: { uid: opts.uid } } : {}) },
  };
}
