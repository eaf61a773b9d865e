// Server-side dry run of a manifest file against the connected cluster: every document is POSTed with
// dryRun=All&fieldValidation=Strict, and the API server's errors and warnings come back as diagnostics on
// the line of the field they name. No vscode import: the caller (save hook or command) turns these into
// vscode.Diagnostics in one line, and node tests drive it against the real control plane.
import type { Range } from 'vscode-languageserver-types';
import { splitDocuments, parseManifestDocument, type ManifestDocument } from '../../../server/src/kubernetes/model/documents';
import { rangeOfPath, type YamlPath } from '../../../server/src/yaml/parse';
import type { ClusterConnection } from './cluster/connection';
import { KubeRequestError } from './cluster/errors';
import { readClusterOpenApi, type OpenApiRead } from './cluster/openapi';
import type { ClusterSchemasParams } from '../../../protocol';

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
export function parseFieldPath(field: string): YamlPath {
  const path: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let match = pattern.exec(field); match; match = pattern.exec(field)) {
    if (match[1] !== undefined) path.push(match[1]);
    else path.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return path;
}

function shift(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

function rangeOfField(doc: ManifestDocument, field: string | undefined, part: 'key' | 'value' = 'value'): Range {
  const path = field ? parseFieldPath(field) : ['kind'];
  return shift(rangeOfPath(doc.local, doc.yaml, path, part), doc.startLine);
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
export async function dryRunManifest(connection: ClusterConnection, text: string, namespace = connection.namespace): Promise<DryRunFinding[]> {
  const findings: DryRunFinding[] = [];
  const error = (range: Range, message: string) => findings.push({ range, severity: 1, message, code: 'KubeDryRunRejected', source: 'kube-apiserver' });
  for (const span of splitDocuments(text)) {
    const doc = parseManifestDocument(span);
    if (!doc.value || !doc.apiVersion || !doc.kind) continue;
    const target = await resourcePath(connection, doc.apiVersion, doc.kind, doc.namespace ?? namespace);
    if (!target) {
      error(rangeOfField(doc, 'apiVersion'), `the cluster serves no ${doc.kind} in ${doc.apiVersion} (no matches for kind "${doc.kind}" in version "${doc.apiVersion}")`);
      continue;
    }
    const body = doc.text.replace(/^---[^\n]*\n/, '');
    try {
      const response = await connection.stream(target, {
        method: 'POST',
        body,
        contentType: 'application/yaml',
        query: { dryRun: 'All', fieldValidation: 'Strict' },
        timeoutMs: 20_000,
      });
      response.resume();
      for (const warning of warningsOf(response.headers.warning)) {
        const field = /(?:^|\s)((?:spec|metadata)[\w.[\]/-]*)/.exec(warning)?.[1];
        findings.push({ range: rangeOfField(doc, field, 'key'), severity: 2, message: warning, code: 'KubeDryRunWarning', source: 'kube-apiserver' });
      }
    } catch (failure) {
      if (!(failure instanceof KubeRequestError)) throw failure;
      const status = (failure.body ?? {}) as StatusBody;
      const causes = status.details?.causes ?? [];
      const strict = [...(status.message ?? failure.message).matchAll(/(?:unknown|duplicate) field "([^"]+)"/g)].map((m) => m[1]);
      if (strict.length) {
        for (const field of strict) error(rangeOfField(doc, field, 'key'), `${failure.status}: ${status.message ?? failure.message}`);
      } else if (causes.length) {
        for (const cause of causes) error(rangeOfField(doc, cause.field), `${cause.field ? `${cause.field}: ` : ''}${cause.message ?? cause.reason ?? failure.message}`);
      } else {
        error(rangeOfField(doc, undefined), `${failure.status}: ${status.message ?? failure.message}`);
      }
    }
  }
  return findings;
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
 * CLUSTER_SCHEMAS_NOTIFICATION from server/src/lsp/protocol.ts): from /openapi/v3, which every
 * authenticated user may read and which also covers aggregated APIs; from the CRD list (which needs RBAC
 * list permission) only when the cluster does not serve /openapi/v3 to us (404 or 403). Lives here because
 * it serves the same cluster-aware validation as the dry run.
 */
export async function clusterSchemas(connection: ClusterConnection, opts: { cacheDir?: string } = {}): Promise<ClusterSchemasRead> {
  const version = await connection.version();
  let fallbackReason: string;
  try {
    const read = await readClusterOpenApi(connection, { serverVersion: version.gitVersion, cacheDir: opts.cacheDir });
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
