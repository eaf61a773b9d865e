import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A compacted OpenAPI schema node, as written by schemas/kubernetes/generate.mjs:
 * t type, d description, p properties, r required, i items, a map values, $ reference.
 */
export interface SchemaNode {
  t?: SchemaType;
  d?: string;
  p?: Record<string, SchemaNode>;
  r?: string[];
  i?: SchemaNode;
  a?: SchemaNode;
  $?: string;
  /** Only in CRD schemas: the allowed values, and fields left open by x-kubernetes-preserve-unknown-fields. */
  e?: unknown[];
  open?: boolean;
  nullable?: boolean;
  /** CRD schema formats and numeric/string bounds (subset of structural schema keywords). */
  f?: string;
  min?: number;
  max?: number;
  minLen?: number;
  maxLen?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  /**
   * Only unknown fields are checked here (a custom resource's status when the status subresource is on:
   * kube-apiserver resets it on create after strict decoding, so types, required fields and bounds do not apply).
   */
  prune?: boolean;
}

export type SchemaType = 'object' | 'map' | 'array' | 'string' | 'byte' | 'int32' | 'int64' | 'integer' | 'number' | 'boolean' | 'quantity' | 'int-or-string' | 'date-time' | 'any';

interface VersionIndex {
  version: string;
  source: string;
  kinds: Record<string, string>;
  scope: Record<string, 'Namespaced' | 'Cluster'>;
  chunks: Record<string, string>;
  /** "apiVersion/kind" keys a kube-apiserver of this version does not serve without --runtime-config. */
  offByDefault?: string[];
}

/** Where generated schema data lives: beside dist/ in the VSIX, at the repository root under tsx. */
function findSchemaRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'schemas', 'kubernetes', 'generated');
    if (fs.existsSync(path.join(candidate, 'index.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('bundled Kubernetes schemas not found (schemas/kubernetes/generated)');
}

let root: string | undefined;
const versionIndexes = new Map<string, VersionIndex | null>();
const chunkCache = new Map<string, Record<string, SchemaNode>>();

function schemaRoot(): string {
  root ??= findSchemaRoot();
  return root;
}

/** The bundled schemas folder (schemas/ beside dist/), for the other generated sets under it (schemas/crds). */
export function bundledSchemasDir(): string {
  return path.dirname(path.dirname(schemaRoot()));
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(schemaRoot(), file), 'utf8')) as T;
}

/** Bundled minor versions, newest first. */
export function bundledVersions(): string[] {
  return readJson<{ versions: string[] }>('index.json').versions;
}

/** The bundled minor a requested version maps to ("1.34.2" → "1.34"); undefined when not bundled. */
export function bundledMinor(version: string): string | undefined {
  const minor = version.replace(/^v/, '').split('.').slice(0, 2).join('.');
  return bundledVersions().includes(minor) ? minor : undefined;
}

function versionIndex(version: string): VersionIndex | undefined {
  const minor = bundledMinor(version);
  if (!minor) return undefined;
  let index = versionIndexes.get(minor);
  if (index === undefined) {
    index = readJson<VersionIndex>(`${minor}.json`);
    versionIndexes.set(minor, index);
  }
  return index ?? undefined;
}

/** The minor of a "1.36" (or "1.36.3") version: what version-dependent rules compare. NaN when there is none. */
export function minorOf(version: string): number {
  return Number(version.split('.')[1] ?? NaN);
}

/** The schema version actually used for a target: itself when bundled, else the nearest bundled one. */
export function schemaVersionFor(version: string): string {
  const exact = bundledMinor(version);
  if (exact) return exact;
  const versions = bundledVersions();
  const wanted = minorOf(version);
  if (!Number.isNaN(wanted)) {
    const older = versions.find((v) => minorOf(v) <= wanted);
    if (older) return older;
    return versions[versions.length - 1];
  }
  return versions[0];
}

export function patchVersionOf(version: string): string | undefined {
  return versionIndex(schemaVersionFor(version))?.version;
}

/** A Kubernetes schema set for one version: built-in kinds by "apiVersion/kind", definitions by name. */
export class KubernetesSchemas {
  private readonly index: VersionIndex;
  readonly version: string;

  constructor(version: string) {
    this.version = schemaVersionFor(version);
    const index = versionIndex(this.version);
    if (!index) throw new Error(`no bundled schema for Kubernetes ${version}`);
    this.index = index;
  }

  /** Definition name of a built-in kind, e.g. "apps/v1" "Deployment" → io.k8s.api.apps.v1.Deployment. */
  kindDefinition(apiVersion: string, kind: string): string | undefined {
    return this.index.kinds[`${apiVersion}/${kind}`];
  }

  scope(apiVersion: string, kind: string): 'Namespaced' | 'Cluster' | undefined {
    return this.index.scope[`${apiVersion}/${kind}`];
  }

  /** False for a built-in kind whose group-version kube-apiserver only serves when enabled (alpha, most betas). */
  servedByDefault(apiVersion: string, kind: string): boolean {
    this.offSet ??= new Set(this.index.offByDefault ?? []);
    return !this.offSet.has(`${apiVersion}/${kind}`);
  }

  private offSet: Set<string> | undefined;

  /** Every built-in "apiVersion/kind" this version serves (or can serve when enabled). */
  kinds(): string[] {
    return Object.keys(this.index.kinds);
  }

  /** A definition, loading its package chunk on first use. */
  definition(name: string): SchemaNode | undefined {
    const dot = name.lastIndexOf('.');
    const pkg = name.slice(0, dot);
    const hash = this.index.chunks[pkg];
    if (!hash) return undefined;
    let chunk = chunkCache.get(hash);
    if (!chunk) {
      chunk = readJson<Record<string, SchemaNode>>(path.join('chunks', `${hash}.json`));
      chunkCache.set(hash, chunk);
    }
    return chunk[name.slice(dot + 1)];
  }

  /** Every definition name of this version (loads every chunk: for schema export, not for typing). */
  allDefinitions(): Map<string, SchemaNode> {
    const out = new Map<string, SchemaNode>();
    for (const pkg of Object.keys(this.index.chunks)) {
      const hash = this.index.chunks[pkg];
      const chunk = chunkCache.get(hash) ?? readJson<Record<string, SchemaNode>>(path.join('chunks', `${hash}.json`));
      chunkCache.set(hash, chunk);
      for (const [name, node] of Object.entries(chunk)) out.set(`${pkg}.${name}`, node);
    }
    return out;
  }
}

const schemaSets = new Map<string, KubernetesSchemas>();

export function schemasFor(version: string): KubernetesSchemas {
  const key = schemaVersionFor(version);
  let set = schemaSets.get(key);
  if (!set) {
    set = new KubernetesSchemas(key);
    schemaSets.set(key, set);
  }
  return set;
}
