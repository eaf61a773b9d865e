// The schemas of a cluster's custom kinds (CRDs and aggregated APIs) from its published /openapi/v3,
// which any authenticated user may read (system:discovery), unlike the CRD list. The index names one
// document per group-version with a content hash; documents are cached on disk per server version and
// path, so reconnecting to an unchanged cluster costs one small request. No vscode import: node tests
// drive it against the real control plane.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_REF_PREFIX, type OpenApiGroupVersion } from '../../../../protocol';
import type { RequestOptions } from './request';

/** What this module needs of a ClusterConnection. */
export interface OpenApiSource {
  json<T = unknown>(path: string, opts?: RequestOptions): Promise<T>;
}

export interface OpenApiIndexEntry {
  /** "apis/example.com/v1" */
  path: string;
  groupVersion: string;
  /** "/openapi/v3/apis/example.com/v1?hash=…" */
  url: string;
  hash?: string;
}

export interface OpenApiRead {
  groupVersions: OpenApiGroupVersion[];
  /** Every group-version the index lists, built-in ones included ("v1", "apps/v1"): what the cluster serves. */
  served: string[];
  /** What it cost: the index fetch, which documents were fetched or read from the cache, and failures. */
  stats: {
    indexMs: number;
    totalMs: number;
    fetched: string[];
    cached: string[];
    failed: { path: string; error: string }[];
    cacheErrors: string[];
  };
}

/** Bumped when the cached entry's shape changes: older files are then ignored and rewritten. */
const CACHE_FORMAT = 1;
const CONCURRENCY = 4;

/** Every group-version an /openapi/v3 index lists: "api/v1" → "v1", "apis/apps/v1" → "apps/v1". */
export function servedGroupVersions(index: unknown): string[] {
  const paths = index && typeof index === 'object' ? (index as { paths?: unknown }).paths : undefined;
  if (!paths || typeof paths !== 'object') return [];
  const out: string[] = [];
  for (const key of Object.keys(paths)) {
    const match = /^(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(key);
    if (match) out.push(match[1] ?? match[2]);
  }
  return out.sort();
}

/**
 * An index entry's serverRelativeURL as the API server writes it: `/openapi/v3/<key>` with an optional
 * `?hash=…` query. Anything else (another origin, `@host`, `//host`, `..`, another document) is refused.
 */
export function isIndexUrl(url: string, key: string): boolean {
  const m = /^\/openapi\/v3\/([^?#]*)(\?hash=[A-Za-z0-9]+)?$/.exec(url);
  return !!m && m[1] === key && !/[@\\]|\.\./.test(m[1]!);
}

/** The index's group-version documents that the bundled schemas do not cover (core "api/v1" and the bundled groups are). */
export function customGroupVersions(index: unknown, builtIn: ReadonlySet<string>): OpenApiIndexEntry[] {
  const paths = index && typeof index === 'object' ? (index as { paths?: unknown }).paths : undefined;
  if (!paths || typeof paths !== 'object') throw new Error('/openapi/v3 answered without "paths"');
  const out: OpenApiIndexEntry[] = [];
  for (const [key, value] of Object.entries(paths as Record<string, unknown>)) {
    const match = /^apis\/([^/]+)\/([^/]+)$/.exec(key);
    const url = value && typeof value === 'object' ? (value as { serverRelativeURL?: unknown }).serverRelativeURL : undefined;
    if (!match || typeof url !== 'string') continue;
    const groupVersion = `${match[1]}/${match[2]}`;
    if (builtIn.has(groupVersion)) continue;
    // Fetched with the user's credentials: only the document the key names, on this server.
    if (!isIndexUrl(url, key)) continue;
    const hash = /[?&]hash=([^&]+)/.exec(url)?.[1];
    out.push({ path: key, groupVersion, url, hash });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const REF = '#/components/schemas/';

interface Gvk {
  group?: unknown;
  version?: unknown;
  kind?: unknown;
}

/**
 * The kinds a group-version document serves and the component schemas they reach. A kind is what an
 * operation's x-kubernetes-group-version-kind names (so FooList and shared meta types are left out);
 * it is namespaced when one of its operations sits under namespaces/{namespace}.
 */
export function extractGroupVersion(doc: unknown, groupVersion: string): OpenApiGroupVersion {
  if (!isJson(doc)) throw new Error(`${groupVersion}: the document is not a JSON object`);
  const [group, version] = groupVersion.split('/');
  const components = isJson(doc.components) && isJson(doc.components.schemas) ? doc.components.schemas : {};
  const scopes = new Map<string, 'Namespaced' | 'Cluster'>();
  for (const [route, item] of Object.entries(isJson(doc.paths) ? doc.paths : {})) {
    if (!isJson(item)) continue;
    for (const operation of Object.values(item)) {
      const gvk = isJson(operation) ? (operation['x-kubernetes-group-version-kind'] as Gvk | undefined) : undefined;
      if (!gvk || gvk.group !== group || gvk.version !== version || typeof gvk.kind !== 'string') continue;
      if (route.includes('/namespaces/{namespace}/')) scopes.set(gvk.kind, 'Namespaced');
      else if (!scopes.has(gvk.kind)) scopes.set(gvk.kind, 'Cluster');
    }
  }
  const byKind = new Map<string, string>();
  for (const [name, schema] of Object.entries(components)) {
    const gvks = isJson(schema) ? schema['x-kubernetes-group-version-kind'] : undefined;
    for (const gvk of Array.isArray(gvks) ? (gvks as Gvk[]) : []) {
      if (gvk.group === group && gvk.version === version && typeof gvk.kind === 'string' && scopes.has(gvk.kind)) byKind.set(gvk.kind, name);
    }
  }
  const kinds = [...byKind].map(([kind, schema]) => ({ kind, scope: scopes.get(kind) ?? 'Namespaced', schema }));
  // Only what the kinds reach travels to the language server and the cache.
  const schemas: Record<string, unknown> = {};
  const pending = kinds.map((k) => k.schema);
  while (pending.length) {
    const name = pending.pop() as string;
    if (name in schemas || name.startsWith(BUNDLED_REF_PREFIX) || !(name in components)) continue;
    schemas[name] = components[name];
    collectRefs(components[name], pending);
  }
  return { groupVersion, kinds, schemas };
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (isJson(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(REF)) into.push(v.slice(REF.length));
      else collectRefs(v, into);
    }
  }
}

interface CacheEntry {
  format: number;
  serverVersion: string;
  path: string;
  hash: string;
  groupVersion: OpenApiGroupVersion;
}

function cacheFile(cacheDir: string, serverVersion: string, entryPath: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(cacheDir, safe(serverVersion), `${safe(entryPath)}.json`);
}

/** A cached group-version when the file is intact and its hash is the index's; anything else is a miss. */
function readCache(file: string, serverVersion: string, entry: OpenApiIndexEntry): OpenApiGroupVersion | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // absent or corrupt: fetched and rewritten
  }
  if (!isJson(parsed)) return undefined;
  const cached = parsed as Partial<CacheEntry>;
  const gv = cached.groupVersion;
  if (cached.format !== CACHE_FORMAT || cached.serverVersion !== serverVersion || cached.path !== entry.path || cached.hash !== entry.hash) return undefined;
  if (!isJson(gv) || gv.groupVersion !== entry.groupVersion || !Array.isArray(gv.kinds) || !isJson(gv.schemas)) return undefined;
  return gv;
}

/** Written beside and renamed into place, so a crash never leaves half a file (and a half file would be ignored anyway). */
function writeCache(file: string, value: CacheEntry): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(value));
  fs.renameSync(temp, file);
}

/**
 * Reads the custom kinds of a cluster from /openapi/v3. `builtIn` are the group-versions the language server's
 * bundled schemas cover for the cluster's version (shipshape/kubernetes/bundledGroupVersions): their documents
 * are not fetched. Rejects (with the request's error) only when the index itself cannot be read; a
 * group-version document that fails is reported in stats.failed.
 */
export async function readClusterOpenApi(source: OpenApiSource, opts: { serverVersion: string; cacheDir?: string; builtIn: ReadonlySet<string> }): Promise<OpenApiRead> {
  const started = Date.now();
  const index = await source.json('/openapi/v3', { timeoutMs: 20_000 });
  const indexMs = Date.now() - started;
  const entries = customGroupVersions(index, opts.builtIn);
  const stats: OpenApiRead['stats'] = { indexMs, totalMs: 0, fetched: [], cached: [], failed: [], cacheErrors: [] };
  const results = new Map<string, OpenApiGroupVersion>();

  const one = async (entry: OpenApiIndexEntry) => {
    const file = opts.cacheDir && entry.hash ? cacheFile(opts.cacheDir, opts.serverVersion, entry.path) : undefined;
    const cached = file ? readCache(file, opts.serverVersion, entry) : undefined;
    if (cached) {
      stats.cached.push(entry.path);
      results.set(entry.path, cached);
      return;
    }
    try {
      const doc = await source.json(entry.url, { timeoutMs: 30_000 });
      const gv = extractGroupVersion(doc, entry.groupVersion);
      stats.fetched.push(entry.path);
      results.set(entry.path, gv);
      if (file && entry.hash) {
        try {
          writeCache(file, { format: CACHE_FORMAT, serverVersion: opts.serverVersion, path: entry.path, hash: entry.hash, groupVersion: gv });
        } catch (error) {
          stats.cacheErrors.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } catch (error) {
      stats.failed.push({ path: entry.path, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const queue = [...entries];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) await one(entry);
    }),
  );
  stats.totalMs = Date.now() - started;
  // Index order, whatever order the fetches finished in.
  const groupVersions = entries.map((e) => results.get(e.path)).filter((gv): gv is OpenApiGroupVersion => gv !== undefined && gv.kinds.length > 0);
  return { groupVersions, served: servedGroupVersions(index), stats };
}
