// The bundled CRD catalog (schemas/crds/generated) as CustomResourceDefinitions installed in the test control
// plane, for the live tests that compare Shipshape's offline verdicts on custom resources with kube-apiserver's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { request } from './kubernetes-agreement-support';

const CATALOG = path.join(__dirname, '../../schemas/crds/generated');
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

interface CatalogKind {
  scope: string;
  plural: string;
  storage?: boolean;
  subresources?: string[];
  deprecated?: boolean;
}
interface Catalog {
  groupVersions: Record<string, { file: string; approved?: string; kinds: Record<string, CatalogKind> }>;
}
type Crd = { apiVersion: string; kind: string; metadata: { name: string } & Record<string, unknown>; spec: { group: string; versions: ({ name: string } & Record<string, unknown>)[] } & Record<string, unknown> };

/** The catalog as CustomResourceDefinitions: one per group and plural, a version per bundled group-version. */
export function crdsOfCatalog(): Crd[] {
  const catalog = JSON.parse(fs.readFileSync(path.join(CATALOG, 'index.json'), 'utf8')) as Catalog;
  const crds = new Map<string, Omit<Crd, 'apiVersion' | 'kind'>>();
  for (const [gv, entry] of Object.entries(catalog.groupVersions)) {
    const [group, version] = gv.split('/');
    const schemas = JSON.parse(fs.readFileSync(path.join(CATALOG, entry.file), 'utf8')) as Record<string, unknown>;
    for (const [kind, k] of Object.entries(entry.kinds)) {
      const name = `${k.plural}.${group}`;
      let crd = crds.get(name);
      if (!crd) {
        crd = {
          metadata: { name, ...(entry.approved ? { annotations: { 'api-approved.kubernetes.io': entry.approved } } : {}) },
          spec: { group, scope: k.scope, names: { kind, plural: k.plural, listKind: `${kind}List`, singular: kind.toLowerCase() }, versions: [] },
        };
        crds.set(name, crd);
      }
      const subresources = k.subresources?.includes('status') ? { subresources: { status: {} } } : {};
      crd.spec.versions.push({ name: version, served: true, storage: k.storage === true, ...(k.deprecated ? { deprecated: true } : {}), ...subresources, schema: { openAPIV3Schema: schemas[kind] } });
    }
  }
  return [...crds.values()].map((crd) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', ...crd }));
}

const pause = () => new Promise((r) => setTimeout(r, 200));

/**
 * Installs the catalog and waits until every group-version is served; returns the removal. A CRD still being
 * deleted by an earlier test is waited out and created again, so a test never runs on one that is going away.
 */
export async function installCatalogCrds(kc: KubeConfig): Promise<() => Promise<void>> {
  const crds = crdsOfCatalog();
  for (const crd of crds) {
    for (let i = 0; ; i++) {
      const created = await request(kc, 'POST', CRDS, JSON.stringify(crd));
      if (created.status === 201) break;
      assert.equal(created.status, 409, `${crd.metadata.name}: ${created.body}`);
      const existing = JSON.parse((await request(kc, 'GET', `${CRDS}/${crd.metadata.name}`)).body);
      if (existing.kind === 'CustomResourceDefinition' && !existing.metadata?.deletionTimestamp) break;
      assert.ok(i < 150, `${crd.metadata.name} still being deleted after 30 s`);
      await pause();
    }
  }
  for (const crd of crds) {
    for (let i = 0; ; i++) {
      const got = JSON.parse((await request(kc, 'GET', `${CRDS}/${crd.metadata.name}`)).body);
      if (got.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True')) break;
      assert.ok(i < 150, `${crd.metadata.name} not established within 30 s: ${JSON.stringify(got.status?.conditions)}`);
      await pause();
    }
  }
  // Discovery follows Established by a moment.
  for (const gv of new Set(crds.flatMap((crd) => crd.spec.versions.map((v) => `${crd.spec.group}/${v.name}`)))) {
    for (let i = 0; (await request(kc, 'GET', `/apis/${gv}`)).status !== 200; i++) {
      assert.ok(i < 100, `${gv} not discovered within 20 s`);
      await pause();
    }
  }
  return async () => {
    for (const crd of crds) await request(kc, 'DELETE', `${CRDS}/${crd.metadata.name}`);
  };
}
