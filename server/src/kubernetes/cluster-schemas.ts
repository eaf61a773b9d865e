// What the Kubernetes service makes of the cluster facts (core/cluster.ts): the custom kinds custom resources
// are validated against, and which group-versions the cluster serves (KubeApiNotEnabled). Derived once per
// facts object, so a reconnect (new facts) is a new derivation and nothing needs resetting.
import type { ClusterFacts } from '../core/cluster';
import { crdKindsOf, type CrdKind } from './crd/index';
import { kindsOfOpenApiGroupVersion } from './crd/openapi-v3';
import { isRecord } from './model/documents';

export interface KubernetesCluster {
  /** kubeconfig context, for messages. */
  context: string;
  /** The cluster's custom kinds (a workspace CRD still wins for the same kind). */
  kinds: readonly CrdKind[];
  /** Set when the cluster reported its version and the group-versions it serves. */
  served?: {
    /** "1.36" */
    minor: string;
    groupVersions: ReadonlySet<string>;
  };
}

const derived = new WeakMap<ClusterFacts, KubernetesCluster>();

export function kubernetesCluster(facts: ClusterFacts | undefined): KubernetesCluster | undefined {
  if (!facts) return undefined;
  let cluster = derived.get(facts);
  if (!cluster) {
    const uri = `kubernetes-cluster:${facts.context}`;
    const kinds: CrdKind[] = [];
    for (const crd of facts.crds) if (isRecord(crd)) kinds.push(...crdKindsOf(crd, uri, 0));
    for (const gv of facts.openapi) {
      if (isRecord(gv) && typeof gv.groupVersion === 'string' && Array.isArray(gv.kinds) && isRecord(gv.schemas)) kinds.push(...kindsOfOpenApiGroupVersion(gv, uri));
    }
    const minor = facts.serverVersion ? /^v?(\d+\.\d+)/.exec(facts.serverVersion)?.[1] : undefined;
    cluster = { context: facts.context, kinds, served: minor && facts.served ? { minor, groupVersions: new Set(facts.served) } : undefined };
    derived.set(facts, cluster);
  }
  return cluster;
}
