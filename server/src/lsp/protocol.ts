/** Shipshape's own LSP messages, shared with the client (which imports this file, not the server). */
export const STATUS_NOTIFICATION = 'shipshape/status';
export const CLUSTER_VERSION_NOTIFICATION = 'shipshape/clusterVersion';

export interface StatusParams {
  state: 'starting' | 'indexing' | 'ready';
  kubernetesVersion: string;
  indexedFiles?: number;
}

export interface ClusterVersionParams {
  /** "1.34" for a connected cluster, or null when none is connected. */
  version: string | null;
}
