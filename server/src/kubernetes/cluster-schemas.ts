import type { Connection } from 'vscode-languageserver/node';
import { CLUSTER_SCHEMAS_NOTIFICATION, type ClusterSchemasParams } from '../../../protocol';
import { crdKindsOf, setClusterCrds, type CrdKind } from './crd/index';
import { kindsOfOpenApiGroupVersion } from './crd/openapi-v3';
import { isRecord } from './model/documents';
import { setClusterServedGroupVersions } from './rules/api-not-enabled';

/** Replaces the cluster's custom kinds (workspace CRDs still win for the same kind). Returns how many kinds. */
export function applyClusterSchemas(params: ClusterSchemasParams): number {
  const kinds: CrdKind[] = [];
  if (params.context) {
    const uri = `kubernetes-cluster:${params.context}`;
    for (const crd of params.crds) if (isRecord(crd)) kinds.push(...crdKindsOf(crd, uri, 0));
    for (const gv of params.openapi ?? []) {
      if (isRecord(gv) && typeof gv.groupVersion === 'string' && Array.isArray(gv.kinds) && isRecord(gv.schemas)) kinds.push(...kindsOfOpenApiGroupVersion(gv, uri));
    }
  }
  // Before setClusterCrds: its generation bump is what invalidates cached document findings.
  setClusterServedGroupVersions(params.context && params.serverVersion && params.served
    ? { context: params.context, serverVersion: params.serverVersion, groupVersions: params.served } : undefined);
  setClusterCrds(kinds);
  return kinds.length;
}

/** Listens for the client's cluster schemas and re-validates open files when they change. */
export function registerClusterSchemas(connection: Connection, revalidate: () => void): void {
  connection.onNotification(CLUSTER_SCHEMAS_NOTIFICATION, (params: ClusterSchemasParams) => {
    const count = applyClusterSchemas(params);
    connection.console.info(`kubernetes: ${count} custom resource kinds from ${params.context ?? 'no cluster'}${params.source ? ` (${params.source})` : ''}`);
    revalidate();
  });
}
