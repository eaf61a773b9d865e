import type { Connection } from 'vscode-languageserver/node';
import { CLUSTER_SCHEMAS_NOTIFICATION, type ClusterSchemasParams } from '../../../protocol';
import { clusterFactsOf } from '../core/cluster';
import { kubernetesCluster } from '../kubernetes/cluster-schemas';
import type { ServerState } from './state';

/** Keeps the client's cluster facts in the server state and re-validates open files when they change. */
export function registerClusterFacts(connection: Connection, state: ServerState, revalidate: () => void): void {
  connection.onNotification(CLUSTER_SCHEMAS_NOTIFICATION, (params: ClusterSchemasParams) => {
    state.cluster = clusterFactsOf(params);
    // Derived now (and cached for validation), so the log says what the cluster contributed.
    const count = kubernetesCluster(state.cluster)?.kinds.length ?? 0;
    connection.console.info(`kubernetes: ${count} custom resource kinds from ${state.cluster?.context ?? 'no cluster'}${params?.source ? ` (${params.source})` : ''}`);
    revalidate();
  });
}
