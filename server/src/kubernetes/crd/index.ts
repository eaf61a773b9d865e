import type { SourceFile } from '../../core/source';
import type { KubernetesCluster } from '../cluster-schemas';
import { documentsOf, isRecord } from '../model/documents';
import type { SchemaNode } from '../schema/store';
import { bundledKind } from './bundled';
import { checkCrd } from './definition-checks';

export interface CrdKind {
  apiVersion: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  schema: SchemaNode;
  /** Where the CRD is declared, for go-to-definition. */
  uri: string;
  line: number;
}

/**
 * Custom resource kinds known from CustomResourceDefinitions in the workspace (and the cluster when connected),
 * then from the bundled catalog (crd/bundled.ts) for group-versions neither defines: a workspace or cluster
 * definition of a group-version replaces the bundled one whole, as installing that CRD version would.
 */
export class CrdIndex {
  private readonly kinds = new Map<string, CrdKind>();
  private readonly refused = new Map<string, CrdKind>();
  private readonly groupVersions = new Set<string>();
  constructor(readonly generation: string) {}

  add(crd: CrdKind): void {
    this.kinds.set(`${crd.apiVersion}/${crd.kind}`, crd);
    this.groupVersions.add(crd.apiVersion);
  }

  /** A kind whose workspace CRD kube-apiserver would refuse: there is no such kind to validate against. */
  addRefused(crd: CrdKind): void {
    this.refused.set(`${crd.apiVersion}/${crd.kind}`, crd);
    this.groupVersions.add(crd.apiVersion);
  }

  /** Whether the workspace or the cluster defines this group-version (so the bundled one does not apply). */
  defines(apiVersion: string): boolean {
    return this.groupVersions.has(apiVersion);
  }

  refusedDefinition(apiVersion: string, kind: string): CrdKind | undefined {
    return this.refused.get(`${apiVersion}/${kind}`);
  }

  get(apiVersion: string, kind: string): CrdKind | undefined {
    return this.kinds.get(`${apiVersion}/${kind}`) ?? (this.groupVersions.has(apiVersion) ? undefined : bundledKind(apiVersion, kind));
  }

  /** The workspace's and the cluster's kinds (not the bundled ones: see bundledKindNames). */
  all(): Iterable<CrdKind> {
    return this.kinds.values();
  }

  get size(): number {
    return this.kinds.size;
  }
}

/** Resolves a `#/components/schemas/<name>` reference (published /openapi/v3 documents use them; CRD files do not). */
export type RefResolver = (name: string) => SchemaNode;

const COMPONENT_REF = '#/components/schemas/';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The component a schema stands for: `$ref`, or the `allOf: [{$ref}]` wrapper the API server emits to carry a description or default. */
function referenceOf(schema: Record<string, unknown>): string | undefined {
  let ref = schema.$ref;
  if (ref === undefined && Array.isArray(schema.allOf) && schema.allOf.length === 1 && isRecord(schema.allOf[0]) && !('type' in schema)) ref = schema.allOf[0].$ref;
  return typeof ref === 'string' && ref.startsWith(COMPONENT_REF) ? ref.slice(COMPONENT_REF.length) : undefined;
}

/** Compacts an openAPIV3Schema (structural schema, or a published /openapi/v3 component when `ref` is given) into the walker's SchemaNode. */
export function fromOpenApiV3(schema: unknown, ref?: RefResolver): SchemaNode {
  if (!isRecord(schema)) return { t: 'any' };
  const target = referenceOf(schema);
  if (target !== undefined) {
    const node = ref ? ref(target) : { t: 'any' as const };
    const d = typeof schema.description === 'string' ? schema.description : undefined;
    return d && !node.$ && node.d !== d ? { ...node, d } : node;
  }
  const out: SchemaNode = {};
  if (typeof schema.description === 'string') out.d = schema.description;
  if (schema['x-kubernetes-int-or-string'] === true) return { ...out, t: 'int-or-string' };
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) out.open = true;
  if (schema.nullable === true) out.nullable = true;
  if (Array.isArray(schema.enum)) out.e = schema.enum;
  if (typeof schema.format === 'string') out.f = schema.format;
  for (const [from, to] of [
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['minLength', 'minLen'],
    ['maxLength', 'maxLen'],
    ['minItems', 'minItems'],
    ['maxItems', 'maxItems'],
  ] as const) {
    if (typeof schema[from] === 'number') out[to] = schema[from] as number;
  }
  if (typeof schema.pattern === 'string') out.pattern = schema.pattern;
  // Published documents of aggregated APIs may leave out `type: object` beside properties.
  const type = schema.type ?? (isRecord(schema.properties) ? 'object' : undefined);
  switch (type) {
    case 'object':
      if (isRecord(schema.properties)) {
        out.t = 'object';
        const properties = schema.properties;
        out.p = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, fromOpenApiV3(v, ref)]));
        // The API server applies a field's default before validating, so a defaulted field is never missing.
        if (Array.isArray(schema.required)) out.r = schema.required.filter((r): r is string => typeof r === 'string' && !(isRecord(properties[r]) && 'default' in properties[r]));
      } else if (isRecord(schema.additionalProperties)) {
        out.t = 'map';
        out.a = fromOpenApiV3(schema.additionalProperties, ref);
      } else {
        out.t = 'any';
      }
      break;
    case 'array':
      out.t = 'array';
      out.i = fromOpenApiV3(schema.items, ref);
      break;
    case 'string':
      out.t = schema.format === 'date-time' ? 'date-time' : schema.format === 'byte' ? 'byte' : 'string';
      break;
    case 'integer':
      out.t = schema.format === 'int32' ? 'int32' : 'int64';
      break;
    case 'number':
      out.t = 'number';
      break;
    case 'boolean':
      out.t = 'boolean';
      break;
    default:
      out.t = 'any';
  }
  // An embedded object (a pod template in a CRD, say) is validated by the API server as an object: apiVersion
  // and kind required, metadata an ObjectMeta. Published /openapi/v3 documents spell this out; CRDs do not.
  if (schema['x-kubernetes-embedded-resource'] === true) {
    out.t = 'object';
    out.p = { ...out.p, metadata: { $: OBJECT_META } };
    out.p.apiVersion ??= { t: 'string' };
    out.p.kind ??= { t: 'string' };
    out.r = [...(out.r ?? []), ...['kind', 'apiVersion'].filter((k) => !out.r?.includes(k))];
  }
  return out;
}

/**
 * The root schema of a custom resource: its openAPIV3Schema, metadata an ObjectMeta as kube-apiserver validates
 * it, and with the status subresource on, a status of which only unknown fields count (the server drops it on create).
 */
export function customResourceRoot(schema: unknown, statusSubresource = false): SchemaNode {
  const root = schema ? fromOpenApiV3(schema) : { t: 'any' as const };
  if (root.p) {
    root.p.apiVersion ??= { t: 'string' };
    root.p.kind ??= { t: 'string' };
    root.p.metadata = { $: OBJECT_META };
    if (statusSubresource && root.p.status) root.p.status = pruneOnly(root.p.status);
  }
  return root;
}

/** A schema whose every node checks unknown fields only (SchemaNode.prune). */
function pruneOnly(node: SchemaNode): SchemaNode {
  const out: SchemaNode = { prune: true };
  if (node.d) out.d = node.d;
  if (node.open) out.open = true;
  if (node.$) return node;
  if (node.p) out.p = Object.fromEntries(Object.entries(node.p).map(([k, v]) => [k, pruneOnly(v)]));
  if (node.a) out.a = pruneOnly(node.a);
  if (node.i) out.i = pruneOnly(node.i);
  return out;
}

/** The kinds of a CustomResourceDefinition's served versions. */
export function crdKindsOf(value: Record<string, unknown>, uri: string, line: number): CrdKind[] {
  const spec = value.spec;
  if (!isRecord(spec) || typeof spec.group !== 'string' || !isRecord(spec.names) || typeof spec.names.kind !== 'string') return [];
  const scope = spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced';
  const out: CrdKind[] = [];
  for (const version of Array.isArray(spec.versions) ? spec.versions : []) {
    if (!isRecord(version) || typeof version.name !== 'string' || version.served === false) continue;
    const schema = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    const status = isRecord(version.subresources) && isRecord(version.subresources.status);
    out.push({ apiVersion: `${spec.group}/${version.name}`, kind: spec.names.kind, scope, schema: customResourceRoot(schema, status), uri, line });
  }
  return out;
}

/** A file's CRD kinds: those kube-apiserver would create, and those of definitions it would refuse. */
interface FileCrds {
  kinds: CrdKind[];
  refused: CrdKind[];
  /** Which definitions these are (their parsed trees) and where they start: see crdIndexOf. */
  trees: string;
  lines: string;
}

const perFile = new WeakMap<SourceFile, FileCrds>();

function crdsOfFile(file: SourceFile): FileCrds {
  let crds = perFile.get(file);
  if (!crds) {
    crds = { kinds: [], refused: [], trees: '', lines: '' };
    if (file.text.includes('CustomResourceDefinition')) {
      for (const doc of documentsOf(file)) {
        if (doc.kind === 'CustomResourceDefinition' && doc.apiVersion?.startsWith('apiextensions.k8s.io/') && doc.value) {
          const kinds = crdKindsOf(doc.value, file.uri, doc.startLine);
          // Custom resources of a definition the server refuses are not validated against it.
          const refused = doc.apiVersion === 'apiextensions.k8s.io/v1' && checkCrd(doc.value).length > 0;
          (refused ? crds.refused : crds.kinds).push(...kinds);
          // Findings on a refused definition's resources name its line.
          crds.trees += refused ? `${identity(doc.yaml)}@${doc.startLine},` : `${identity(doc.yaml)},`;
          crds.lines += `${doc.startLine},`;
        }
      }
    }
    perFile.set(file, crds);
  }
  return crds;
}

let cached: { key: string; index: CrdIndex; revision?: number; cluster: string } | undefined;
const ids = new WeakMap<object, number>();
let nextId = 0;
/** Parsed trees (kept while their text is unchanged) and cluster facts are immutable: identity says whether one changed. */
function identity(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = ++nextId;
    ids.set(value, id);
  }
  return id;
}
/**
 * The CRD index of the workspace and the connected cluster (whose kinds refine, workspace CRDs win); rebuilt
 * only when a definition changed or moved, or the cluster's facts did.
 */
export function crdIndexOf(files: Iterable<SourceFile>, cluster?: KubernetesCluster, revision?: number): CrdIndex {
  const clusterPart = cluster ? `c${identity(cluster)}` : 'c';
  // The same workspace and cluster as the last call (see workspaceIndex): its index, without a walk.
  if (revision !== undefined && cached?.revision === revision && cached.cluster === clusterPart) return cached.index;
  const parts: string[] = [clusterPart];
  const lines: string[] = [];
  const withCrds: SourceFile[] = [];
  for (const file of files) {
    if (file.kind !== 'kubernetes') continue;
    const crds = crdsOfFile(file);
    if (crds.kinds.length || crds.refused.length) {
      withCrds.push(file);
      parts.push(`${file.uri}#${crds.trees}`);
      lines.push(crds.lines);
    }
  }
  // The generation (which cached findings depend on) changes only when a definition does, not when an edit
  // elsewhere in its file moves it; the index is still rebuilt then, for definition's line numbers.
  const generation = parts.join('|');
  const key = `${generation}|${lines.join('|')}`;
  if (cached?.key === key) {
    if (revision !== undefined) cached.revision = revision;
    return cached.index;
  }
  const index = new CrdIndex(generation);
  for (const crd of cluster?.kinds ?? []) index.add(crd);
  for (const file of withCrds) {
    const crds = crdsOfFile(file);
    for (const crd of crds.kinds) index.add(crd);
    for (const crd of crds.refused) index.addRefused(crd);
  }
  // As in workspaceIndex: a file outside the workspace's files keeps the members' index cached.
  if (revision !== undefined || cached?.revision === undefined) cached = { key, index, revision, cluster: clusterPart };
  return index;
}
