/** Shipshape's own LSP messages, shared with the client (which imports this file, not the server). */
import type { KubernetesVersionSource } from '../server/src/core/settings';
export type { KubernetesVersionSource };
export const STATUS_NOTIFICATION = 'shipshape/status';
export const CLUSTER_VERSION_NOTIFICATION = 'shipshape/clusterVersion';

/**
 * Client → server: the workspace became trusted (VS Code's onDidGrantWorkspaceTrust). The initial state comes
 * in initializationOptions.trusted; absent there means trusted (the standalone server, other editors).
 * Trust is only ever granted while the window lives, so there is no "untrusted again" message.
 */
export const WORKSPACE_TRUST_NOTIFICATION = 'shipshape/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** What the client puts in initializationOptions. */
export interface InitializationOptions {
  settings?: unknown;
  /** false for an untrusted workspace: the server then runs nothing on its behalf. */
  trusted?: boolean;
}

export interface StatusParams {
  state: 'starting' | 'indexing' | 'ready';
  kubernetesVersion: string;
  /** Where that version comes from: the setting, the connected cluster, or the newest bundled one
   *  because the setting is `auto` and no cluster is connected. */
  kubernetesVersionSource: KubernetesVersionSource;
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

/** Client → server: the connected cluster's custom kinds, so custom resources validate against them. */
export const CLUSTER_SCHEMAS_NOTIFICATION = 'shipshape/clusterSchemas';

export interface ClusterSchemasParams {
  /** kubeconfig context the schemas come from, or null when disconnected (drops them). */
  context: string | null;
  /** e.g. "v1.36.3": the client caches per server version. */
  serverVersion?: string;
  /** Where the schemas were read: the cluster's /openapi/v3 (preferred), or its CRD list when that is unavailable. */
  source?: 'openapi-v3' | 'crd-list';
  /** CustomResourceDefinition objects (apiextensions.k8s.io/v1) as the cluster lists them. */
  crds: unknown[];
  /** Group-versions not built into Kubernetes, from the cluster's /openapi/v3 (CRDs and aggregated APIs). */
  openapi?: OpenApiGroupVersion[];
  /** Every group-version the cluster serves ("v1", "apps/v1", …: the /openapi/v3 index); absent from the CRD-list fallback. */
  served?: string[];
}

/** The kinds of one /openapi/v3 group-version document, with the component schemas they reach. */
export interface OpenApiGroupVersion {
  /** "example.com/v1" */
  groupVersion: string;
  /** Kinds the document serves (operations carry their x-kubernetes-group-version-kind). */
  kinds: { kind: string; scope: 'Namespaced' | 'Cluster'; schema: string }[];
  /** components.schemas reachable from the kinds, by name; io.k8s.apimachinery.* left out (the bundled ones are used). */
  schemas: Record<string, unknown>;
}
