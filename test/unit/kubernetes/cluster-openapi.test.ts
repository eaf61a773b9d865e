// Custom kinds from a cluster's /openapi/v3: selection of group-versions, extraction of kinds and the
// schemas they reach, conversion ($ref, allOf wrappers, int-or-string, preserve-unknown-fields, nullable,
// defaults, recursive types), and the disk cache. The documents are real: captured from kube-apiserver
// (see "x-shipshape-fixture" in each file under fixtures/openapi-v3).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { customGroupVersions, extractGroupVersion, readClusterOpenApi, type OpenApiSource } from '../../../client/src/kubernetes/cluster/openapi';
import { clusterFactsOf } from '../../../server/src/core/cluster';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesCluster } from '../../../server/src/kubernetes/cluster-schemas';
import { fromOpenApiV3 } from '../../../server/src/kubernetes/crd/index';
import { kindsOfOpenApiGroupVersion } from '../../../server/src/kubernetes/crd/openapi-v3';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { splitDocuments, parseManifestDocument } from '../../../server/src/kubernetes/model/documents';
import { validateSchema } from '../../../server/src/kubernetes/schema/validate';
import { bundledGroupVersions } from '../../../server/src/kubernetes/schema/group-versions';
import { schemasFor, type SchemaNode } from '../../../server/src/kubernetes/schema/store';
import { casesOfFile } from '../../fixtures/kubernetes/corpus';

const DIR = path.join(__dirname, 'fixtures/openapi-v3');
const fixture = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));
const GADGETS = 'openapi.shipshape.example.com/v1';
/** What the server answers the client's shipshape/kubernetes/bundledGroupVersions for a 1.36.3 cluster. */
const BUILT_IN_1_36 = new Set(bundledGroupVersions('v1.36.3'));
const load = (name: string) => sourceFile(TextDocument.create(`file://${path.join(DIR, name)}`, 'yaml', 1, fs.readFileSync(path.join(DIR, name), 'utf8')), 'kubernetes', '1.36');

describe('cluster /openapi/v3: which group-versions', () => {
  it('keeps only group-versions the bundled schemas do not cover', () => {
    const entries = customGroupVersions(fixture('index.json'), BUILT_IN_1_36);
    assert.deepEqual(
      entries.map((e) => e.path),
      ['apis/openapi.shipshape.example.com/v1', 'apis/shipshape.example.com/v1'],
    );
    assert.match(entries[0].hash ?? '', /^[0-9A-F]{128}$/);
    assert.ok(entries[0].url.startsWith('/openapi/v3/apis/openapi.shipshape.example.com/v1?hash='));
  });

  it('refuses an index without paths (so the caller can fall back)', () => {
    assert.throws(() => customGroupVersions({ kind: 'Status' }, new Set()), /without "paths"/);
  });
});

describe('cluster /openapi/v3: kinds of a group-version document', () => {
  const gv = extractGroupVersion(fixture('gadgets-v1.json'), GADGETS);

  it('finds the served kinds and their scope from the operations, not the List types', () => {
    assert.deepEqual(gv.kinds.map((k) => `${k.kind} ${k.scope} ${k.schema}`).sort(), ['Gadget Namespaced com.example.shipshape.openapi.v1.Gadget', 'GadgetClass Cluster com.example.shipshape.openapi.v1.GadgetClass']);
  });

  it('carries only the schemas the kinds reach, without the shared meta types', () => {
    assert.deepEqual(Object.keys(gv.schemas).sort(), ['com.example.shipshape.openapi.v1.Gadget', 'com.example.shipshape.openapi.v1.GadgetClass']);
  });

  it('converts allOf-wrapped refs, int-or-string, preserve-unknown-fields, nullable and defaults', () => {
    const [gadget] = kindsOfOpenApiGroupVersion(gv, 'kubernetes-cluster:test').filter((k) => k.kind === 'Gadget');
    const spec = gadget.schema.p?.spec as SchemaNode;
    assert.equal(gadget.schema.p?.metadata.$, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    assert.equal(spec.p?.port.t, 'int-or-string');
    assert.equal(spec.p?.extra.open, true);
    assert.equal(spec.p?.note.nullable, true);
    // mode is required but defaulted: the API server fills it in before validating.
    assert.deepEqual(spec.r, ['replicas']);
    // The embedded resource's metadata is an allOf wrapper around ObjectMeta, kept as a bundled reference.
    assert.equal(spec.p?.template.p?.metadata.$, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  });
});

describe('cluster /openapi/v3: custom resources validate against the converted kinds', () => {
  const params = { context: 'test', serverVersion: 'v1.36.3', source: 'openapi-v3' as const, crds: [], openapi: [extractGroupVersion(fixture('gadgets-v1.json'), GADGETS)] };
  // The facts the server keeps from the client's shipshape/clusterSchemas, passed in the context as the server does.
  const cluster = clusterFactsOf(params);
  const ctx = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace(), cluster };

  it('flags each invalid custom resource on its cause line', async () => {
    assert.equal(kubernetesCluster(cluster)?.kinds.length, 2);
    const file = load('gadgets-invalid.yaml');
    const findings = await kubernetesSupport.validate(file, ctx);
    const cases = casesOfFile(file.path);
    assert.equal(cases.length, 13);
    const missed = cases.filter((c) => !findings.some((f) => f.severity === 1 && f.range.start.line === c.causeLine)).map((c) => c.label);
    assert.deepEqual(missed, [], JSON.stringify(findings.map((f) => [f.range.start.line, f.code, f.message])));
  });

  it('accepts the valid ones', async () => {
    const findings = await kubernetesSupport.validate(load('gadgets-valid.yaml'), ctx);
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line} ${f.code} ${f.message}`),
      [],
    );
  });

  it('a workspace CRD of the same kind wins over the cluster', async () => {
    const crd = TextDocument.create(
      'file:///ws/crd.yaml',
      'yaml',
      1,
      fs
        .readFileSync(path.join(DIR, 'gadget-crd.yaml'), 'utf8')
        .replace('required: [replicas, mode]', 'required: [replicas, mode, owner]')
        .replace('note: {type: string, nullable: true}', 'note: {type: string, nullable: true}\n              owner: {type: string}'),
    );
    const workspace = new FileWorkspace();
    workspace.setIndexed(sourceFile(crd, 'kubernetes', '1.36'));
    const findings = await kubernetesSupport.validate(load('gadgets-valid.yaml'), { settings: DEFAULT_SETTINGS, workspace, cluster });
    assert.ok(
      findings.some((f) => f.code === 'KubeRequiredField' && String(f.message).includes('spec.owner')),
      JSON.stringify(findings.map((f) => f.message)),
    );
  });

  it('the same verdicts from the CRD file itself in the workspace (embedded resources included)', async () => {
    const workspace = new FileWorkspace();
    workspace.setIndexed(load('gadget-crd.yaml'));
    const file = load('gadgets-invalid.yaml');
    const findings = await kubernetesSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace });
    const missed = casesOfFile(file.path)
      .filter((c) => !findings.some((f) => f.severity === 1 && f.range.start.line === c.causeLine))
      .map((c) => c.label);
    assert.deepEqual(missed, []);
    const valid = await kubernetesSupport.validate(load('gadgets-valid.yaml'), { settings: DEFAULT_SETTINGS, workspace });
    assert.deepEqual(
      valid.map((f) => `${f.range.start.line} ${f.code} ${f.message}`),
      [],
    );
  });

  it('without the cluster schemas the kinds are unknown again', async () => {
    const findings = await kubernetesSupport.validate(load('gadgets-valid.yaml'), { ...ctx, cluster: clusterFactsOf({ context: null, crds: [] }) });
    assert.deepEqual([...new Set(findings.map((f) => f.code))], ['KubeUnknownKind']);
  });
});

describe('cluster /openapi/v3: recursive types', () => {
  // JSONSchemaProps refers to itself (properties, items, not, allOf…): the conversion must terminate.
  const gv = extractGroupVersion(fixture('apiextensions-v1.json'), 'apiextensions.k8s.io/v1');
  const [crdKind] = kindsOfOpenApiGroupVersion(gv, 'kubernetes-cluster:test').filter((k) => k.kind === 'CustomResourceDefinition');
  const resolve = (name: string) => schemasFor('1.36').definition(name);
  const validate = (text: string) => {
    const doc = parseManifestDocument(splitDocuments(text)[0]);
    return validateSchema(doc, crdKind.schema, resolve).map((f) => `${f.code} ${f.message}`);
  };

  it('closes each cycle with an open node and keeps the first level exact', () => {
    assert.equal(crdKind.scope, 'Cluster');
    const props = (crdKind.schema.p?.spec.p?.versions.i?.p?.schema.p?.openAPIV3Schema ?? {}) as SchemaNode;
    assert.equal(props.t, 'object');
    assert.equal(props.p?.properties.t, 'map');
    assert.equal(props.p?.properties.a?.t, 'any', 'the recursion into JSONSchemaProps is left open');
    // JSONSchemaPropsOrArray is a bare $ref without a type: anything.
    assert.equal(props.p?.items.t, 'any');
  });

  it('validates a real CRD with it, and flags a typo in the first schema level', () => {
    const crd = fs.readFileSync(path.join(DIR, 'gadget-crd.yaml'), 'utf8').split(/^---$/m)[0];
    assert.deepEqual(validate(crd), []);
    assert.deepEqual(validate(crd.replace('        type: object\n        properties:', '        type: object\n        propertys:')), [
      'KubeUnknownField unknown field "spec.versions[0].schema.openAPIV3Schema.propertys" (did you mean "properties"?)',
    ]);
  });

  it('a bare $ref and an allOf wrapper with a description both resolve', () => {
    const refs: string[] = [];
    const ref = (name: string): SchemaNode => (refs.push(name), { t: 'object', p: { a: { t: 'string' } } });
    assert.equal(fromOpenApiV3({ $ref: '#/components/schemas/X' }, ref).t, 'object');
    const wrapped = fromOpenApiV3({ description: 'why', default: {}, allOf: [{ $ref: '#/components/schemas/Y' }] }, ref);
    assert.equal(wrapped.d, 'why');
    assert.deepEqual(refs, ['X', 'Y']);
  });
});

describe('cluster /openapi/v3: disk cache', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-openapi-cache-'));
  after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
  // The captured documents, served by path as the API server served them; counts what is asked.
  const index = fixture('index.json');
  const docs: Record<string, unknown> = { 'apis/openapi.shipshape.example.com/v1': fixture('gadgets-v1.json'), 'apis/shipshape.example.com/v1': fixture('gadgets-v1.json') };
  const served = (requests: string[], indexDoc = index): OpenApiSource => ({
    json: async <T>(url: string) => {
      requests.push(url.replace(/\?.*/, ''));
      if (url === '/openapi/v3') return indexDoc as T;
      const key = /^\/openapi\/v3\/(.*?)\?/.exec(url)?.[1] ?? '';
      if (key === 'apis/shipshape.example.com/v1') throw new Error('connection reset');
      return docs[key] as T;
    },
  });
  const read = (requests: string[], indexDoc = index) => readClusterOpenApi(served(requests, indexDoc), { serverVersion: 'v1.36.3', cacheDir, builtIn: BUILT_IN_1_36 });

  it('fetches each document once, then only the index', async () => {
    const cold: string[] = [];
    const first = await read(cold);
    assert.deepEqual(cold.sort(), ['/openapi/v3', '/openapi/v3/apis/openapi.shipshape.example.com/v1', '/openapi/v3/apis/shipshape.example.com/v1']);
    assert.deepEqual(
      first.stats.failed.map((f) => `${f.path}: ${f.error}`),
      ['apis/shipshape.example.com/v1: connection reset'],
    );
    assert.deepEqual(
      first.groupVersions.map((g) => g.groupVersion),
      [GADGETS],
    );
    const warm: string[] = [];
    const second = await read(warm);
    assert.deepEqual(warm.sort(), ['/openapi/v3', '/openapi/v3/apis/shipshape.example.com/v1'], 'only the failed document is asked again');
    assert.deepEqual(second.stats.cached, ['apis/openapi.shipshape.example.com/v1']);
    assert.deepEqual(second.groupVersions, first.groupVersions);
  });

  it('a changed hash fetches that document again', async () => {
    const changed = structuredClone(index) as { paths: Record<string, { serverRelativeURL: string }> };
    const entry = changed.paths['apis/openapi.shipshape.example.com/v1'];
    entry.serverRelativeURL = entry.serverRelativeURL.replace(/hash=\w/, 'hash=0');
    const requests: string[] = [];
    const result = await read(requests, changed);
    assert.deepEqual(result.stats.fetched, ['apis/openapi.shipshape.example.com/v1']);
    assert.ok(requests.includes('/openapi/v3/apis/openapi.shipshape.example.com/v1'));
  });

  it('a corrupt cache file is ignored and rewritten, never a crash', async () => {
    const files = fs.readdirSync(path.join(cacheDir, 'v1.36.3'));
    assert.deepEqual(files, ['apis_openapi.shipshape.example.com_v1.json']);
    const file = path.join(cacheDir, 'v1.36.3', files[0]);
    for (const garbage of ['{"format":1,"serverVer', '[]', '{"format":1}', '\u0000\u0001']) {
      fs.writeFileSync(file, garbage);
      const requests: string[] = [];
      const result = await read(requests);
      assert.deepEqual(result.stats.fetched, ['apis/openapi.shipshape.example.com/v1'], garbage);
      assert.equal(result.groupVersions[0].kinds.length, 2);
      assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).groupVersion.groupVersion, GADGETS);
    }
  });

  it('the YAML fixtures parse (guard against a broken fixture)', () => {
    for (const name of ['gadget-crd.yaml', 'gadgets-valid.yaml', 'gadgets-invalid.yaml']) {
      assert.equal(parseDocument(fs.readFileSync(path.join(DIR, name), 'utf8').split(/^---$/m)[0]).errors.length, 0, name);
    }
  });
});
