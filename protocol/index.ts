/**
 * Shipshape's own LSP messages and their types: the only module both the client (client/src) and the server
 * (server/src) import. It imports neither side (protocol/tsconfig.json refuses it), so it holds data shapes only.
 */
import type { Range } from 'vscode-languageserver-types';

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

/** Where the Kubernetes version comes from: the setting, the connected cluster, or the newest bundled one. */
export type KubernetesVersionSource = 'setting' | 'cluster' | 'fallback';

export interface StatusParams {
  state: 'starting' | 'indexing' | 'ready';
  kubernetesVersion: string;
  /** Where that version comes from: the setting, the connected cluster, or the newest bundled one
   *  because the setting is `auto` and no cluster is connected. */
  kubernetesVersionSource: KubernetesVersionSource;
  indexedFiles?: number;
  /** The same for each workspace folder (its own settings may differ): the status bar shows the active file's. */
  folders?: FolderKubernetesVersion[];
  /** The workspace pass (shipshape.diagnostics.scope "workspace"): progress and what Problems holds from Shipshape. */
  workspaceDiagnostics?: WorkspaceDiagnosticsStatus;
}

export interface WorkspaceDiagnosticsStatus {
  /** `off`: every folder's scope is openFiles (or there is no folder); `checking`: the pass runs; `done`: it finished. */
  state: 'off' | 'checking' | 'done';
  /** Files of the workspace checked so far in this pass (open ones are checked as they are edited, not counted). */
  checked: number;
  /** Problems Shipshape has published, open and closed files together, and how many files they are in. */
  problems: number;
  files: number;
}

export interface FolderKubernetesVersion {
  /** The workspace folder's URI, as the client sent it at initialize. */
  uri: string;
  kubernetesVersion: string;
  kubernetesVersionSource: KubernetesVersionSource;
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

/** The output of `kustomize build` for the kustomization of a file, built by Shipshape's engine with the editor's unsaved text. */
export const KUSTOMIZE_BUILT_MANIFEST_REQUEST = 'shipshape/kustomize/builtManifest';

export interface KustomizeBuiltManifestParams {
  /** A kustomization, or a file one builds (a resource, a patch). */
  uri: string;
}

export interface KustomizeBuiltManifestResult {
  /** The kustomization built (a file URI), or null when the file is in none. */
  kustomization: string | null;
  /** What `kustomize build` prints (with a comment naming the kustomization), or a comment saying why there is none. */
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

/** Schemas every API shares (ObjectMeta, Time, Quantity, IntOrString…): left out of an OpenApiGroupVersion, the server has them bundled. */
export const BUNDLED_REF_PREFIX = 'io.k8s.apimachinery.';

/** The kinds of one /openapi/v3 group-version document, with the component schemas they reach. */
export interface OpenApiGroupVersion {
  /** "example.com/v1" */
  groupVersion: string;
  /** Kinds the document serves (operations carry their x-kubernetes-group-version-kind). */
  kinds: { kind: string; scope: 'Namespaced' | 'Cluster'; schema: string }[];
  /** components.schemas reachable from the kinds, by name; those under BUNDLED_REF_PREFIX left out. */
  schemas: Record<string, unknown>;
}

/**
 * Client → server: the group-versions the bundled schemas of a Kubernetes version cover, so the client
 * fetches from a cluster's /openapi/v3 only the documents of the others (CRDs, aggregated APIs).
 */
export const BUNDLED_GROUP_VERSIONS_REQUEST = 'shipshape/kubernetes/bundledGroupVersions';

export interface BundledGroupVersionsParams {
  /** The cluster's version, "v1.36.3"; the nearest bundled version answers for an unbundled one. */
  serverVersion: string;
}

export interface BundledGroupVersionsResult {
  /** "v1", "apps/v1", … */
  groupVersions: string[];
}

/**
 * Client → server: the documents of a text that are Kubernetes objects (top-level apiVersion and kind), as
 * the server reads them (one document at a time, YAML 1.1 scalars as kube-apiserver reads them).
 */
export const KUBERNETES_OBJECTS_REQUEST = 'shipshape/kubernetes/objects';

export interface KubernetesObjectsParams {
  /** The file's text as the client holds it (the dry run sends what it read, not what the server last synced). */
  text: string;
}

export interface KubernetesObjectDocument {
  /** Position among all documents of the text (each `---` starts one): what KUBERNETES_FIELD_RANGES_REQUEST names. */
  document: number;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** Where the document is in the text, its `---` line included. */
  range: Range;
  /** The document's text without its `---` line: what kubectl sends to the API server. */
  text: string;
}

/** Client → server: the ranges of fields of documents of a text (e.g. where the API server's error causes are). */
export const KUBERNETES_FIELD_RANGES_REQUEST = 'shipshape/kubernetes/fieldRanges';

export interface KubernetesFieldRangesParams {
  text: string;
  fields: KubernetesField[];
}

export interface KubernetesField {
  /** KubernetesObjectDocument.document */
  document: number;
  /** ["spec", "containers", 0, "image"]; the nearest existing parent is used when the field is absent. */
  path: (string | number)[];
  /** The key's range or the value's (default). */
  part?: 'key' | 'value';
}

/** One range per requested field, in the text's lines; null for a document index the text does not have. */
export type KubernetesFieldRangesResult = (Range | null)[];

/**
 * Client → server: the kind of file a text is, by its path and content as the server detects it
 * ("kubernetes" for a Compose-named file holding a manifest), or null when the server does not check it.
 */
export const DETECT_KIND_REQUEST = 'shipshape/detectKind';

export interface DetectKindParams {
  uri: string;
  text: string;
}

export interface DetectKindResult {
  kind: string | null;
}

/**
 * Client → server: the Helm chart a file is rendered in (the outermost chart whose charts/ holds it), as the
 * server finds it, or null for a file of no chart. **Choose Values Files…** sets that chart's values.
 */
export const HELM_CHART_REQUEST = 'shipshape/helmChart';

export interface HelmChartParams {
  uri: string;
}

export interface HelmChartResult {
  /** The chart folder's file URI. */
  chart: string | null;
}

/**
 * Client → server: the chart a file renders in, rendered by the engine as the server renders it for
 * diagnostics (the chosen values files, --set, release, target version, the editor's unsaved text), as
 * `helm template` prints it. **Show Rendered Manifest** shows it read-only and asks again as the chart changes.
 */
export const HELM_RENDERED_REQUEST = 'shipshape/helmRendered';

export interface HelmRenderedParams {
  uri: string;
}

export interface HelmRenderedResult {
  /** The chart folder's file URI, or null for a file of no chart. */
  chart: string | null;
  /** The rendered manifests (empty when the render failed). */
  text: string;
  /** Helm's errors, as it prints them after "Error: " (or why there is no engine). */
  errors: string[];
}

/**
 * Client → server: when the server's start-up steps happened, as epoch milliseconds (performance.timeOrigin +
 * performance.now(), comparable with the extension host's clock on the same machine); a step not reached yet is
 * absent. bench/activation.bench.ts splits "open a Dockerfile → first diagnostics" with it.
 */
export const STARTUP_TIMES_REQUEST = 'shipshape/startupTimes';

export interface StartupTimes {
  /** The server process started (its performance.timeOrigin). */
  processStart: number;
  /** The server bundle's first statement ran, and its last. */
  bundleStart: number;
  bundleEvaluated: number;
  /** `initialize` arrived; `initialized` arrived. */
  initialize?: number;
  initialized?: number;
  /** The first textDocument/didOpen arrived, and the first publishDiagnostics was sent. */
  firstOpen?: number;
  firstPublish?: number;
}
