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

/** The merged ("effective") configuration of the Compose project a file belongs to, like `docker compose config`. */
export const COMPOSE_EFFECTIVE_CONFIG_REQUEST = 'shipshape/compose/effectiveConfig';

export interface ComposeEffectiveConfigParams {
  /** Any Compose file of the project (open or on disk). */
  uri: string;
}

export interface ComposeEffectiveConfigResult {
  /** Files merged, in order, and how that list was chosen. */
  files: string[];
  source: 'settings' | 'COMPOSE_FILE' | 'default' | 'single';
  /** The merged model as YAML (interpolated), headed by a comment naming the files. */
  yaml: string;
}

/** Client → server: the connected cluster's CustomResourceDefinitions, so custom resources validate against them. */
export const CLUSTER_SCHEMAS_NOTIFICATION = 'shipshape/clusterSchemas';

export interface ClusterSchemasParams {
  /** kubeconfig context the CRDs come from, or null when disconnected (drops them). */
  context: string | null;
  /** e.g. "v1.36.3": the client caches per server version. */
  serverVersion?: string;
  /** CustomResourceDefinition objects (apiextensions.k8s.io/v1) as the cluster lists them. */
  crds: unknown[];
}
