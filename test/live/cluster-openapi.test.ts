// Custom kinds from the real cluster's /openapi/v3, read with the RBAC-limited context (which may read
// /openapi/v3 but not list CRDs): the CRDs of test/unit/kubernetes/fixtures/openapi-v3/gadget-crd.yaml are
// installed, read through clusterSchemas() (the code the extension runs on connect), handed to the language
// server side, and every custom resource of the fixtures is both dry-run on the API server and validated by
// Shipshape. Then the disk cache: a second read fetches only the index; a corrupt file is rewritten; a
// changed CRD changes the document hash and only that document is fetched again. And the fallback to the
// CRD list for a user refused /openapi/v3. The CRDs are deleted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterConnection } from '../../client/src/kubernetes/cluster/connection';
import { KubeRequestError } from '../../client/src/kubernetes/cluster/errors';
import { clusterSchemas, dryRunManifest } from '../../client/src/kubernetes/dry-run';
import type { KubernetesLanguageServer } from '../../client/src/kubernetes/language-server';
import { clusterFactsOf, type ClusterFacts } from '../../server/src/core/cluster';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { sourceFile } from '../../server/src/core/source';
import { FileWorkspace } from '../../server/src/core/workspace';
import { kubernetesCluster } from '../../server/src/kubernetes/cluster-schemas';
import { crdKindsOf } from '../../server/src/kubernetes/crd/index';
import { kindsOfOpenApiGroupVersion } from '../../server/src/kubernetes/crd/openapi-v3';
import { kubernetesSupport } from '../../server/src/kubernetes/index';
import { casesOfFile } from '../fixtures/kubernetes/corpus';
import { connect, kubeSkip, languageServer, liveTest, until } from './cluster-support';

const DIR = path.join(__dirname, '../unit/kubernetes/fixtures/openapi-v3');
const GROUP = 'openapi.shipshape.example.com';
const V1 = `apis/${GROUP}/v1`;
const V2 = `apis/${GROUP}/v2`;
const CRDS = ['gadgets', 'gadgetclasses'].map((plural) => `${plural}.${GROUP}`);
const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

interface Index {
  paths: Record<string, { serverRelativeURL: string }>;
}
const hashOf = (index: Index, key: string) => /hash=(\w+)/.exec(index.paths[key]?.serverRelativeURL ?? '')?.[1];

const withoutDescriptions = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutDescriptions)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== 'd')
            .map(([k, x]) => [k, withoutDescriptions(x)]),
        )
      : v;

/** Counts the requests a connection makes (path without query), by wrapping its one JSON door. */
function counted(conn: ClusterConnection): string[] {
  const requests: string[] = [];
  const json = conn.json.bind(conn);
  conn.json = ((p: string, opts?: never) => {
    requests.push(p.replace(/\?.*/, ''));
    return json(p, opts);
  }) as ClusterConnection['json'];
  return requests;
}

/** Shipshape's errors on a text, validated as the editor would with only the cluster's schemas known. */
/**
 * Creates the Gadget CRDs. A copy an earlier test is still deleting answers a create with 409 and then
 * vanishes, so that is waited out first; a live copy (409) is kept.
 */
async function installGadgetCrds(admin: ClusterConnection): Promise<void> {
  for (const doc of parseAllDocuments(fs.readFileSync(path.join(DIR, 'gadget-crd.yaml'), 'utf8'))) {
    const body = doc.toJS() as { metadata: { name: string } };
    await until(`no terminating ${body.metadata.name}`, 60_000, async () => {
      const existing = await admin.json<{ metadata: { deletionTimestamp?: string } }>(`${CRD_PATH}/${body.metadata.name}`).catch((error: unknown) => {
        if (error instanceof KubeRequestError && error.status === 404) return undefined;
        throw error;
      });
      return existing?.metadata.deletionTimestamp ? undefined : true;
    });
    await admin.json(CRD_PATH, { method: 'POST', body }).catch((error: unknown) => {
      if (!(error instanceof KubeRequestError && error.status === 409)) throw error;
    });
  }
}

async function shipshapeErrors(text: string, name: string, cluster: ClusterFacts | undefined) {
  const file = sourceFile(TextDocument.create(`file:///live/${name}`, 'yaml', 1, text), 'kubernetes', '1.36');
  const findings = await kubernetesSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace(), cluster });
  return findings.filter((f) => f.severity === 1);
}

/** The facts the server keeps from a shipshape/clusterSchemas notification, and how many custom kinds they give. */
function factsOf(params: Parameters<typeof clusterFactsOf>[0]): { cluster: ClusterFacts | undefined; kinds: number } {
  const cluster = clusterFactsOf(params);
  return { cluster, kinds: kubernetesCluster(cluster)?.kinds.length ?? 0 };
}

/** Each fixture case: the API server's dry-run verdict and Shipshape's errors must agree, on the cause line. */
async function agree(t: TestContext, admin: ClusterConnection, server: KubernetesLanguageServer, cluster: ClusterFacts | undefined, name: string): Promise<string[]> {
  const file = path.join(DIR, name);
  const errors = await shipshapeErrors(fs.readFileSync(file, 'utf8'), name, cluster);
  const problems: string[] = [];
  for (const c of casesOfFile(file)) {
    const verdict = await dryRunManifest(admin, server, c.text, 'default');
    const rejected = verdict.some((f) => f.severity === 1);
    const end = c.startLine + c.text.split('\n').length;
    const ours = errors.filter((e) => e.range.start.line >= c.startLine && e.range.start.line < end);
    if (c.causeLine !== undefined) {
      if (!rejected) problems.push(`SERVER ACCEPTS ${c.label}`);
      if (!ours.some((e) => e.range.start.line === c.causeLine)) problems.push(`MISSED ${c.label}: ${verdict.map((v) => v.message).join(' | ')}`);
    } else {
      if (rejected) problems.push(`SERVER REJECTS ${c.label}: ${verdict.map((v) => v.message).join(' | ')}`);
      if (ours.length) problems.push(`FALSE POSITIVE ${c.label}: ${ours.map((e) => e.message).join(' | ')}`);
    }
  }
  t.diagnostic(`${name}: ${casesOfFile(file).length} custom resources dry-run and validated`);
  return problems;
}

liveTest('cluster /openapi/v3: custom kinds for a limited user, cached per server version and hash', { skip: kubeSkip, timeout: 180_000 }, async (t) => {
  const admin = connect('admin');
  const limited = connect('limited');
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-openapi-live-'));
  const server = await languageServer(t);
  t.after(async () => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    for (const name of CRDS) await admin.json(`${CRD_PATH}/${name}`, { method: 'DELETE' }).catch(() => undefined);
  });

  // What the limited user may do: read /openapi/v3, not list CRDs (the reason for reading /openapi/v3).
  await limited.json('/openapi/v3');
  const canList = await limited.json(CRD_PATH).then(
    () => true,
    (error: unknown) => {
      assert.ok(error instanceof KubeRequestError && error.status === 403, String(error));
      return false;
    },
  );
  if (canList) t.diagnostic('NOTE: the limited context CAN list CRDs here; the test still reads /openapi/v3 only');

  await installGadgetCrds(admin);
  await until('both CRDs in the published /openapi/v3 document', 30_000, async () => {
    const index = await limited.json<Index>('/openapi/v3');
    const url = index.paths[V1]?.serverRelativeURL;
    if (!url) return undefined;
    const doc = JSON.stringify(await limited.json(url));
    return doc.includes('"GadgetClass"') && doc.includes('"Gadget"') ? true : undefined;
  });

  // Cold: the index, then the documents of the group-versions Kubernetes does not build in.
  const cold = counted(limited);
  let started = Date.now();
  const first = await clusterSchemas(limited, server, { cacheDir });
  const coldMs = Date.now() - started;
  assert.equal(first.params.source, 'openapi-v3', first.fallbackReason);
  assert.ok(first.openapi);
  assert.deepEqual(first.openapi.failed, []);
  assert.ok(first.openapi.fetched.includes(V1), JSON.stringify(first.openapi));
  assert.ok(!cold.some((p) => /\/openapi\/v3\/(api\/v1|apis\/apps\/v1|apis\/apiextensions\.k8s\.io\/v1)$/.test(p)), `built-in documents fetched: ${cold.join(' ')}`);
  assert.ok(!cold.includes(CRD_PATH));
  const ours = first.params.openapi?.find((gv) => gv.groupVersion === `${GROUP}/v1`);
  assert.deepEqual(ours?.kinds.map((k) => `${k.kind} ${k.scope}`).sort(), ['Gadget Namespaced', 'GadgetClass Cluster']);
  t.diagnostic(`cold read: ${cold.length} requests (${cold.join(', ')}), index ${first.openapi.indexMs} ms, total ${coldMs} ms`);

  // The same kinds as converting the CRDs themselves (what a user allowed to list CRDs got before), descriptions aside.
  const listed = await Promise.all(CRDS.map((name) => admin.json<Record<string, unknown>>(`${CRD_PATH}/${name}`)));
  const fromCrds = listed.flatMap((crd) => crdKindsOf(crd, 'crd', 0)).map((k) => [k.kind, k.scope, withoutDescriptions(k.schema)]);
  const fromOpenApi = ours ? kindsOfOpenApiGroupVersion(ours, 'openapi').map((k) => [k.kind, k.scope, withoutDescriptions(k.schema)]) : [];
  assert.deepEqual(fromOpenApi.sort(), fromCrds.sort());

  const fromFirst = factsOf(first.params);
  assert.ok(fromFirst.kinds >= 2);
  assert.deepEqual([...(await agree(t, admin, server, fromFirst.cluster, 'gadgets-invalid.yaml')), ...(await agree(t, admin, server, fromFirst.cluster, 'gadgets-valid.yaml'))], []);

  // Warm: the same cluster, unchanged: only /version and the index are asked; our document comes from disk.
  const warm = counted(limited);
  started = Date.now();
  const second = await clusterSchemas(limited, server, { cacheDir });
  const warmMs = Date.now() - started;
  assert.ok(second.openapi?.cached.includes(V1));
  const coldPaths = new Set([...first.openapi.fetched, ...first.openapi.cached]);
  // Other live tests may add CRDs meanwhile: any document asked must be one the first read did not know.
  const warmDocs = warm.filter((p) => p !== '/version' && p !== '/openapi/v3');
  assert.deepEqual(
    warmDocs.filter((p) => coldPaths.has(p.replace('/openapi/v3/', ''))),
    [],
    `documents fetched again: ${warm.join(' ')}`,
  );
  assert.ok(warm.includes('/openapi/v3'));
  assert.deepEqual(
    second.params.openapi?.find((gv) => gv.groupVersion === `${GROUP}/v1`),
    ours,
  );
  t.diagnostic(`warm read: ${warm.length} requests (${warm.join(', ')}), index ${second.openapi?.indexMs} ms, total ${warmMs} ms`);

  // A corrupt cache file is ignored, fetched again and rewritten.
  const cacheFile = path.join(cacheDir, first.params.serverVersion ?? '', `${V1.replace(/\//g, '_')}.json`);
  assert.ok(fs.existsSync(cacheFile), cacheFile);
  fs.writeFileSync(cacheFile, '{"format":1,"hash":');
  const third = await clusterSchemas(limited, server, { cacheDir });
  assert.ok(third.openapi?.fetched.includes(V1));
  assert.equal(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).path, V1);

  // Change the CRD: a new field in v1 and a new version v2 with another field.
  const before = await limited.json<Index>('/openapi/v3');
  const crd = await admin.json<{ spec: { versions: { name: string; served: boolean; storage: boolean; schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, unknown> } } } } }[] } }>(`${CRD_PATH}/${CRDS[0]}`);
  const v1 = crd.spec.versions[0];
  v1.schema.openAPIV3Schema.properties.spec.properties.size = { type: 'integer' };
  const v2 = structuredClone(v1);
  v2.name = 'v2';
  v2.storage = false;
  v2.schema.openAPIV3Schema.properties.spec.properties.colour = { type: 'string' };
  crd.spec.versions.push(v2);
  await admin.json(`${CRD_PATH}/${CRDS[0]}`, { method: 'PUT', body: crd });
  const after = await until('the changed CRD in /openapi/v3', 30_000, async () => {
    const index = await limited.json<Index>('/openapi/v3');
    return hashOf(index, V1) !== hashOf(before, V1) && hashOf(index, V2) ? index : undefined;
  });
  assert.notEqual(hashOf(after, V1), hashOf(before, V1));

  const changed = counted(limited);
  const fourth = await clusterSchemas(limited, server, { cacheDir });
  assert.ok(fourth.openapi?.fetched.includes(V1) && fourth.openapi.fetched.includes(V2), JSON.stringify(fourth.openapi));
  const fetchedAgain = changed.filter((p) => p.startsWith('/openapi/v3/')).map((p) => p.replace('/openapi/v3/', ''));
  assert.deepEqual(
    fetchedAgain.filter((p) => coldPaths.has(p) && p !== V1),
    [],
    `unchanged documents fetched again: ${fetchedAgain.join(' ')}`,
  );
  t.diagnostic(`after the CRD change: fetched ${fourth.openapi?.fetched.join(', ')}; cached ${fourth.openapi?.cached.length}`);
  const fromFourth = factsOf(fourth.params).cluster;

  const gadget = (apiVersion: string, spec: string) => `apiVersion: ${GROUP}/${apiVersion}\nkind: Gadget\nmetadata:\n  name: changed\nspec:\n  replicas: 1\n${spec}\n`;
  const cases: [string, string, string | undefined][] = [
    ['v1', '  size: 3', undefined],
    ['v1', '  size: three', 'KubeInvalidType'],
    ['v2', '  colour: red', undefined],
    ['v1', '  colour: red', 'KubeUnknownField'],
  ];
  for (const [version, spec, expected] of cases) {
    const text = gadget(version, spec);
    const verdict = await dryRunManifest(admin, server, text, 'default');
    const errors = await shipshapeErrors(text, `changed-${version}.yaml`, fromFourth);
    assert.equal(
      verdict.some((f) => f.severity === 1),
      expected !== undefined,
      `${version} ${spec}: server says ${JSON.stringify(verdict)}`,
    );
    assert.deepEqual(
      errors.map((e) => `${e.range.start.line} ${String(e.code)}`),
      expected ? [`6 ${expected}`] : [],
      `${version} ${spec}`,
    );
  }
});

// A user who may not read /openapi/v3: system:anonymous (impersonated by the admin; anonymous requests lack
// system:discovery). With list permission on CRDs granted for the test, the CRD list is used instead.
liveTest('cluster /openapi/v3 forbidden (403): the CRD list is used instead', { skip: kubeSkip, timeout: 120_000 }, async (t) => {
  const admin = connect('admin');
  const NAME = 'shipshape-test-openapi-fallback';
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  const server = await languageServer(t);
  t.after(async () => {
    await admin.json(`${rbac}/clusterrolebindings/${NAME}`, { method: 'DELETE' }).catch(() => undefined);
    await admin.json(`${rbac}/clusterroles/${NAME}`, { method: 'DELETE' }).catch(() => undefined);
    for (const name of CRDS) await admin.json(`${CRD_PATH}/${name}`, { method: 'DELETE' }).catch(() => undefined);
  });
  await installGadgetCrds(admin);
  await until('the Gadget kinds in discovery', 30_000, async () => {
    const list = await admin.json<{ resources: { kind: string }[] }>(`/apis/${GROUP}/v1`);
    return list.resources.some((r) => r.kind === 'GadgetClass') && list.resources.some((r) => r.kind === 'Gadget') ? true : undefined;
  });

  const user = admin.kc.getCurrentUser();
  const cluster = admin.kc.getCurrentCluster();
  assert.ok(user && cluster);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ ...user, name: 'anonymous', impersonateUser: 'system:anonymous' }],
    contexts: [{ name: 'shipshape-anonymous', cluster: cluster.name, user: 'anonymous' }],
    currentContext: 'shipshape-anonymous',
  });
  const anonymous = new ClusterConnection('shipshape-anonymous', kc, { allowPlugins: false });
  await assert.rejects(anonymous.json('/openapi/v3'), (e: unknown) => e instanceof KubeRequestError && e.status === 403);
  // Neither source readable: the caller gets the error (and logs it; bundled schemas stay).
  await assert.rejects(clusterSchemas(anonymous, server, {}), (e: unknown) => e instanceof KubeRequestError && e.status === 403);

  await admin.json(`${rbac}/clusterroles`, {
    method: 'POST',
    body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: NAME }, rules: [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['list'] }] },
  });
  await admin.json(`${rbac}/clusterrolebindings`, {
    method: 'POST',
    body: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: NAME },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:anonymous' }],
    },
  });
  const read = await until('the CRD list readable by system:anonymous', 30_000, () => clusterSchemas(anonymous, server, {}));
  assert.equal(read.params.source, 'crd-list');
  assert.equal(read.openapi, undefined);
  assert.match(read.fallbackReason ?? '', /^\/openapi\/v3: 403 /);
  const names = read.params.crds.map((c) => (c as { metadata: { name: string } }).metadata.name);
  for (const name of CRDS) assert.ok(names.includes(name), names.join(' '));
  t.diagnostic(`fallback: ${read.fallbackReason}; ${names.length} CRDs listed`);

  const fromList = factsOf(read.params);
  assert.ok(fromList.kinds >= 2);
  assert.deepEqual([...(await agree(t, admin, server, fromList.cluster, 'gadgets-invalid.yaml')), ...(await agree(t, admin, server, fromList.cluster, 'gadgets-valid.yaml'))], []);
});
