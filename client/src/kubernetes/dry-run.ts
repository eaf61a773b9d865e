// Server-side dry run of a manifest file against the connected cluster: every document is POSTed with
// dryRun=All&fieldValidation=Strict, and the API server's errors and warnings come back as diagnostics on
// the line of the field they name. The language server says which documents are objects and where the named
// fields are (the client parses no manifest for this). No vscode import: the caller (save hook or command)
// turns these into vscode.Diagnostics in one line, and node tests drive it against the real control plane.
import type { Range } from 'vscode-languageserver-types';
import type { ClusterSchemasParams, KubernetesField, KubernetesObjectDocument } from '../../../protocol';
import type { ClusterConnection } from './cluster/connection';
import { KubeRequestError } from './cluster/errors';
import { readClusterOpenApi, type OpenApiRead } from './cluster/openapi';
import type { KubernetesLanguageServer } from './language-server';

export interface DryRunFinding {
  range: Range;
  /** 1 error (rejected), 2 warning (accepted with an API warning). */
  severity: 1 | 2;
  message: string;
  code: 'KubeDryRunRejected' | 'KubeDryRunWarning';
  source: 'kube-apiserver';
}

interface StatusBody {
  message?: string;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

/** "spec.containers[0].resources.limits[gpu]" → ['spec', 'containers', 0, 'resources', 'limits', 'gpu'] */
export function parseFieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let match = pattern.exec(field); match; match = pattern.exec(field)) {
    if (match[1] !== undefined) path.push(match[1]);
    else path.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return path;
}

/** The field an API server message names (its `kind` when it names none), for the language server to place. */
function fieldOf(doc: KubernetesObjectDocument, field: string | undefined, part: 'key' | 'value' = 'value'): KubernetesField {
  return { document: doc.document, path: field ? parseFieldPath(field) : ['kind'], part };
}

/** Where the server would create the object: discovery decides the resource name and whether it is namespaced. */
async function resourcePath(connection: ClusterConnection, apiVersion: string, kind: string, namespace: string): Promise<string | undefined> {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  let list: { resources?: { name: string; kind: string; namespaced: boolean }[] };
  try {
    list = await connection.json(base, { timeoutMs: 10_000 });
  } catch (error) {
    if (error instanceof KubeRequestError && error.status === 404) return undefined;
    throw error;
  }
  const resource = list.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!resource) return undefined;
  return resource.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.name}` : `${base}/${resource.name}`;
}

/** The API server's verdict on every document of `text`, as diagnostics with ranges in `text`. */
export async function dryRunManifest(connection: ClusterConnection, server: Pick<KubernetesLanguageServer, 'objects' | 'fieldRanges'>, text: string, namespace = connection.namespace): Promise<DryRunFinding[]> {
  // Placed once every document is answered: one request for all the fields.
  const found: { field: KubernetesField; fallback: Range; finding: Omit<DryRunFinding, 'range'> }[] = [];
  const add = (doc: KubernetesObjectDocument, field: KubernetesField, severity: 1 | 2, message: string) =>
    found.push({
      field,
      fallback: doc.range,
      finding: { severity, message, code: severity === 1 ? 'KubeDryRunRejected' : 'KubeDryRunWarning', source: 'kube-apiserver' },
    });
  for (const doc of await server.objects(text)) {
    const error = (field: KubernetesField, message: string) => add(doc, field, 1, message);
    const target = await resourcePath(connection, doc.apiVersion, doc.kind, doc.namespace ?? namespace);
    if (!target) {
      error(fieldOf(doc, 'apiVersion'), `the cluster serves no ${doc.kind} in ${doc.apiVersion} (no matches for kind "${doc.kind}" in version "${doc.apiVersion}")`);
      continue;
    }
    try {
      const response = await connection.stream(target, {
        method: 'POST',
        body: doc.text,
        contentType: 'application/yaml',
        query: { dryRun: 'All', fieldValidation: 'Strict' },
        timeoutMs: 20_000,
      });
      response.resume();
      for (const warning of warningsOf(response.headers.warning)) {
        const field = /(?:^|\s)((?:spec|metadata)[\w.[\]/-]*)/.exec(warning)?.[1];
        add(doc, fieldOf(doc, field, 'key'), 2, warning);
      }
    } catch (failure) {
      if (!(failure instanceof KubeRequestError)) throw failure;
      const status = (failure.body ?? {}) as StatusBody;
      const causes = status.details?.causes ?? [];
      const strict = [...(status.message ?? failure.message).matchAll(/(?:unknown|duplicate) field "([^"]+)"/g)].map((m) => m[1]);
      if (strict.length) {
        for (const field of strict) error(fieldOf(doc, field, 'key'), `${failure.status}: ${status.message ?? failure.message}`);
      } else if (causes.length) {
        for (const cause of causes) error(fieldOf(doc, cause.field), `${cause.field ? `${cause.field}: ` : ''}${cause.message ?? cause.reason ?? failure.message}`);
      } else {
        error(fieldOf(doc, undefined), `${failure.status}: ${status.message ?? failure.message}`);
      }
    }
  }
  const ranges = found.length
    ? await server.fieldRanges(
        text,
        found.map((f) => f.field),
      )
    : [];
  return found.map((f, i) => ({ range: ranges[i] ?? f.fallback, ...f.finding }));
}

/** `299 - "message"` headers (possibly several, comma-joined by node). */
function warningsOf(header: string | string[] | undefined): string[] {
  if (!header) return [];
  const text = Array.isArray(header) ? header.join(', ') : header;
  return [...text.matchAll(/\d{3} [^ ]+ "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\"/g, '"'));
}

export interface ClusterSchemasRead {
  params: ClusterSchemasParams;
  /** Set when /openapi/v3 was used; why the CRD list was used otherwise. */
  openapi?: OpenApiRead['stats'];
  fallbackReason?: string;
}

/**
 * The cluster's custom kinds as the server's shipshape/clusterSchemas notification expects them (send with
 * CLUSTER_SCHEMAS_NOTIFICATION from protocol/): from /openapi/v3, which every authenticated user may read
 * and which also covers aggregated APIs (only the documents of group-versions the server's bundled schemas
 * lack); from the CRD list (which needs RBAC list permission) only when the cluster does not serve
 * /openapi/v3 to us (404 or 403). Lives here because it serves the same cluster-aware validation as the dry run.
 */
export async function clusterSchemas(connection: ClusterConnection, server: Pick<KubernetesLanguageServer, 'bundledGroupVersions'>, opts: { cacheDir?: string } = {}): Promise<ClusterSchemasRead> {
  const version = await connection.version();
  let fallbackReason: string;
  try {
    const builtIn = new Set(await server.bundledGroupVersions(version.gitVersion));
    const read = await readClusterOpenApi(connection, { serverVersion: version.gitVersion, cacheDir: opts.cacheDir, builtIn });
    return {
      params: { context: connection.context, serverVersion: version.gitVersion, source: 'openapi-v3', crds: [], openapi: read.groupVersions, served: read.served },
      openapi: read.stats,
    };
  } catch (error) {
    if (!(error instanceof KubeRequestError) || (error.status !== 404 && error.status !== 403)) throw error;
    fallbackReason = `/openapi/v3: ${error.status} ${error.message}`;
  }
  const list = await connection.json<{ items?: unknown[] }>('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { timeoutMs: 20_000 });
  return { params: { context: connection.context, serverVersion: version.gitVersion, source: 'crd-list', crds: list.items ?? [] }, fallbackReason };
}
