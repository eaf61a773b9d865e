// The bundled CRD catalog against the real kube-apiserver: every set of schemas/crds is installed as the
// CRDs it was generated from (rebuilt from the catalog: names, served versions, storage, subresources,
// schemas), then each fixture of test/fixtures/kubernetes/bundled-crds is dry-run (Strict) and compared with
// Shipshape, which validates with no CRD in the workspace and no cluster. The CRDs are deleted afterwards.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { sourceFile } from '../../server/src/core/source';
import { FileWorkspace } from '../../server/src/core/workspace';
import { kubernetesSupport } from '../../server/src/kubernetes/index';
import { casesOfFile } from '../fixtures/kubernetes/corpus';
import { dryRun, kubeConfig, request, resolver } from './kubernetes-agreement-support';

const env = process.env;
const skip: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;
const FIXTURES = path.join(__dirname, '../fixtures/kubernetes/bundled-crds');
const CATALOG = path.join(__dirname, '../../schemas/crds/generated');

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

/** The catalog as CustomResourceDefinitions: one per group and plural, a version per bundled group-version. */
function crdsOfCatalog(): Record<string, unknown>[] {
  const catalog = JSON.parse(fs.readFileSync(path.join(CATALOG, 'index.json'), 'utf8')) as Catalog;
  const crds = new Map<string, { metadata: Record<string, unknown>; spec: Record<string, unknown> & { versions: unknown[] } }>();
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

test('bundled CRDs: Shipshape agrees with kube-apiserver on the custom resources of every bundled set', { skip, timeout: 300_000 }, async (t) => {
  const kc = kubeConfig();
  const crds = crdsOfCatalog();
  for (const crd of crds) {
    const created = await request(kc, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', JSON.stringify(crd));
    assert.ok(created.status === 201 || created.status === 409, `${(crd.metadata as { name: string }).name}: ${created.body}`);
  }
  t.after(async () => {
    for (const crd of crds) await request(kc, 'DELETE', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${(crd.metadata as { name: string }).name}`);
  });
  for (const crd of crds) {
    const name = (crd.metadata as { name: string }).name;
    for (let i = 0; ; i++) {
      const got = JSON.parse((await request(kc, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`)).body);
      if (got.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True')) break;
      assert.ok(i < 150, `${name} not established within 30 s: ${JSON.stringify(got.status?.conditions)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  // Discovery follows Established by a moment.
  const groupVersions = new Set(crds.flatMap((crd) => ((crd.spec as { versions: { name: string }[] }).versions ?? []).map((v) => `${(crd.spec as { group: string }).group}/${v.name}`)));
  for (const gv of groupVersions) {
    for (let i = 0; (await request(kc, 'GET', `/apis/${gv}`)).status !== 200; i++) {
      assert.ok(i < 100, `${gv} not discovered within 20 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const resolve = resolver(kc);
  const problems: string[] = [];
  let rejected = 0;
  let cases = 0;
  for (const name of fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const file = sourceFile(TextDocument.create(`file://${path.join(FIXTURES, name)}`, 'yaml', 1, fs.readFileSync(path.join(FIXTURES, name), 'utf8')), 'kubernetes', '1.36');
    // No CRD in the workspace, no cluster: what a user offline gets.
    const findings = await kubernetesSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });
    for (const c of casesOfFile(file.path)) {
      cases++;
      const verdict = await dryRun(kc, resolve, c);
      const end = c.startLine + c.text.split('\n').length;
      const errors = findings.filter((f) => f.severity === DiagnosticSeverity.Error && f.range.start.line >= c.startLine && f.range.start.line < end);
      if (!verdict.accepted) {
        rejected++;
        if (!errors.some((e) => e.range.start.line === c.causeLine)) problems.push(`MISSED ${c.label}: ${verdict.message}`);
      } else if (errors.length || c.causeLine !== undefined) {
        problems.push(`${c.causeLine !== undefined ? 'SERVER ACCEPTS' : 'FALSE POSITIVE'} ${c.label}: ${errors.map((e) => e.message).join(' | ')}`);
      }
    }
  }
  t.diagnostic(`bundled CRDs: ${crds.length} CRDs installed, ${cases} resources, server rejected ${rejected}`);
  assert.deepEqual(problems, []);
});
