// The bundled CRD catalog (schemas/crds/generated, written by schemas/crds/generate.mjs): the CRDs of Gateway
// API, the Prometheus Operator, cert-manager, Istio and Argo CD, so their custom resources validate offline.
// index.json is read at the first custom resource; a group-version's schemas when a document of it is first
// validated; each kind is compacted by the same fromOpenApiV3 workspace CRDs go through.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledSchemasDir } from '../schema/store';
import { customResourceRoot, type CrdKind } from './index';

interface BundledSet {
  title: string;
  module: string;
  version: string;
  sum: string;
  licence: string;
}

interface CatalogIndex {
  sets: Record<string, BundledSet>;
  groupVersions: Record<string, { set: string; file: string; kinds: Record<string, { scope: 'Namespaced' | 'Cluster'; channel?: string; subresources?: string[] }> }>;
}

/** Where go-to-definition and messages say a bundled kind comes from. */
export const BUNDLED_CRD_SCHEME = 'shipshape-bundled-crd';

let catalog: CatalogIndex | undefined;
const loaded = new Map<string, Map<string, CrdKind>>();

function dir(): string {
  return path.join(bundledSchemasDir(), 'crds', 'generated');
}

function catalogIndex(): CatalogIndex {
  catalog ??= JSON.parse(fs.readFileSync(path.join(dir(), 'index.json'), 'utf8')) as CatalogIndex;
  return catalog;
}

/** The bundled kind of an apiVersion, loading its group-version on first use; undefined when none is bundled. */
export function bundledKind(apiVersion: string, kind: string): CrdKind | undefined {
  // Built-in group-versions ("v1", "apps/v1") have no dot in their group: no read of the catalog for them.
  if (!apiVersion.includes('.')) return undefined;
  const gv = catalogIndex().groupVersions[apiVersion];
  if (!gv?.kinds[kind]) return undefined;
  let kinds = loaded.get(apiVersion);
  if (!kinds) {
    kinds = new Map();
    const set = catalogIndex().sets[gv.set];
    const uri = `${BUNDLED_CRD_SCHEME}:${gv.set}@${set.version}/${gv.file}`;
    const schemas = JSON.parse(fs.readFileSync(path.join(dir(), gv.file), 'utf8')) as Record<string, unknown>;
    for (const [name, schema] of Object.entries(schemas)) {
      const entry = gv.kinds[name];
      kinds.set(name, { apiVersion, kind: name, scope: entry?.scope ?? 'Namespaced', schema: customResourceRoot(schema, entry?.subresources?.includes('status')), uri, line: 0 });
    }
    loaded.set(apiVersion, kinds);
  }
  return kinds.get(kind);
}

/** Every bundled apiVersion/kind, from the index alone (for completion). */
export function bundledKindNames(): { apiVersion: string; kind: string; set: string }[] {
  const out: { apiVersion: string; kind: string; set: string }[] = [];
  for (const [apiVersion, gv] of Object.entries(catalogIndex().groupVersions)) for (const kind of Object.keys(gv.kinds)) out.push({ apiVersion, kind, set: gv.set });
  return out;
}
