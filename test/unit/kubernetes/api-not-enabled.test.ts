// KubeApiNotEnabled: built-in kinds a default kube-apiserver of the target version does not serve
// (schemas/kubernetes/generated/<minor>.json offByDefault), or that the connected cluster does not list.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { servedGroupVersions } from '../../../client/src/kubernetes/cluster/openapi';
import { clusterFactsOf, type ClusterFacts } from '../../../server/src/core/cluster';
import { LanguageRegistry } from '../../../server/src/core/registry';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { bundledVersions, schemasFor } from '../../../server/src/kubernetes/schema/store';

/** Through the registry, as the server does: rule levels (shipshape.rules) and suppressions applied. */
const registry = new LanguageRegistry([kubernetesSupport]);
const validate = (text: string, version = '1.36', settings: Settings = DEFAULT_SETTINGS, cluster?: ClusterFacts) =>
  registry.validate(sourceFile(TextDocument.create('file:///w/x.yaml', 'yaml', 1, text), 'kubernetes', version), { settings, workspace: new FileWorkspace(), cluster });

const vac = (apiVersion: string, extra = '') => `apiVersion: ${apiVersion}\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: csi.example.com\n${extra}`;
const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n';
/** Codes of the rules that judge the apiVersion itself: at most one of them may speak. */
const API_CODES = new Set(['KubeRemovedApi', 'KubeDeprecatedApi', 'KubeApiNotServed', 'KubeUnknownKind', 'KubeApiNotEnabled']);

describe('KubeApiNotEnabled (default kube-apiserver configuration per version)', () => {
  it('flags a beta group-version off by default, on the apiVersion value, in every bundled version', async () => {
    for (const version of bundledVersions()) {
      const findings = await validate(vac('storage.k8s.io/v1beta1'), version);
      assert.deepEqual(
        findings.map((f) => [f.code, f.severity, f.range.start.line, f.range.start.character]),
        [['KubeApiNotEnabled', 1, 0, 12]],
        version,
      );
      assert.equal(findings[0].message, `storage.k8s.io/v1beta1 VolumeAttributesClass is not served by a default kube-apiserver ${version} (enable it with --runtime-config=storage.k8s.io/v1beta1=true)`);
    }
  });

  it('the GA version of the same kind is served from the release that has it (1.34), unknown to 1.33', async () => {
    assert.deepEqual(
      (await validate(vac('storage.k8s.io/v1'), '1.33')).map((f) => f.code),
      ['KubeApiNotServed'],
    );
    for (const version of ['1.34', '1.35', '1.36'])
      assert.deepEqual(
        (await validate(vac('storage.k8s.io/v1'), version)).map((f) => f.code),
        [],
        version,
      );
  });

  it("follows each version's data: storage.k8s.io/v1alpha1 is off in 1.33/1.34 and gone from 1.35 on", async () => {
    const codes = async (version: string) => (await validate(vac('storage.k8s.io/v1alpha1'), version)).map((f) => f.code);
    assert.deepEqual(await codes('1.33'), ['KubeApiNotEnabled']);
    assert.deepEqual(await codes('1.34'), ['KubeApiNotEnabled']);
    assert.equal(schemasFor('1.35').kindDefinition('storage.k8s.io/v1alpha1', 'VolumeAttributesClass'), undefined);
    assert.ok(!(await codes('1.36')).includes('KubeApiNotEnabled'));
  });

  it('still validates the fields against the schema (the user may enable the API)', async () => {
    const codes = (await validate(vac('storage.k8s.io/v1beta1', 'colour: blue\n'))).map((f) => f.code);
    assert.deepEqual(codes.sort(), ['KubeApiNotEnabled', 'KubeUnknownField']);
  });

  it('is a rule like the others: shipshape.rules can lower or silence it', async () => {
    const warn = await validate(vac('networking.k8s.io/v1beta1').replace('VolumeAttributesClass', 'ServiceCIDR').replace('driverName: csi.example.com\n', 'spec:\n  cidrs: [10.96.0.0/16]\n'), '1.36', {
      ...DEFAULT_SETTINGS,
      rules: { KubeApiNotEnabled: 'warning' },
    });
    assert.deepEqual(
      warn.map((f) => [f.code, f.severity]),
      [['KubeApiNotEnabled', 2]],
    );
    const off = await validate(vac('storage.k8s.io/v1beta1'), '1.36', { ...DEFAULT_SETTINGS, rules: { KubeApiNotEnabled: 'off' } });
    assert.deepEqual(off, []);
  });

  it('never reports together with the removed/deprecated/unknown apiVersion rules, for every off kind of every version', async () => {
    for (const version of bundledVersions()) {
      const schemas = schemasFor(version);
      const off = schemas.kinds().filter((key) => !schemas.servedByDefault(key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)));
      assert.ok(off.length >= 20 && off.length <= 40, `${version}: ${off.length}`);
      for (const key of off) {
        const slash = key.lastIndexOf('/');
        const findings = await validate(`apiVersion: ${key.slice(0, slash)}\nkind: ${key.slice(slash + 1)}\nmetadata:\n  name: x\n`, version);
        assert.deepEqual(
          findings.filter((f) => API_CODES.has(String(f.code))).map((f) => f.code),
          ['KubeApiNotEnabled'],
          `${version} ${key}`,
        );
      }
    }
  });

  it('every stable group-version is served by default, and the core ones are', () => {
    for (const version of bundledVersions()) {
      const schemas = schemasFor(version);
      for (const key of schemas.kinds()) {
        const slash = key.lastIndexOf('/');
        const apiVersion = key.slice(0, slash);
        if (/\/v\d+$|^v1$/.test(apiVersion)) assert.ok(schemas.servedByDefault(apiVersion, key.slice(slash + 1)), `${version} ${key}`);
      }
    }
  });

  it('agrees with the /openapi/v3 index captured from the real kube-apiserver 1.36.3', () => {
    const index = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/openapi-v3/index.json'), 'utf8'));
    const served = new Set(servedGroupVersions(index));
    assert.ok(served.has('v1') && served.has('apps/v1') && !served.has('resource.k8s.io/v1beta1'));
    const schemas = schemasFor('1.36');
    const disagree = schemas.kinds().filter((key) => {
      const slash = key.lastIndexOf('/');
      return schemas.servedByDefault(key.slice(0, slash), key.slice(slash + 1)) !== served.has(key.slice(0, slash));
    });
    assert.deepEqual(disagree, []);
  });
});

describe('KubeApiNotEnabled with a connected cluster (served group-versions from its /openapi/v3 index)', () => {
  // The facts the server keeps from the client's shipshape/clusterSchemas, passed in the context as the server does.
  const cluster = (served: string[], serverVersion = 'v1.36.3') => clusterFactsOf({ context: 'lab', serverVersion, source: 'openapi-v3', crds: [], openapi: [], served });

  it("uses the cluster's list instead of the defaults when its version is the target", async () => {
    const lab = cluster(['v1', 'storage.k8s.io/v1', 'storage.k8s.io/v1beta1']);
    assert.deepEqual(await validate(vac('storage.k8s.io/v1beta1'), '1.36', DEFAULT_SETTINGS, lab), []);
    const findings = await validate(job, '1.36', DEFAULT_SETTINGS, lab);
    assert.deepEqual(
      findings.map((f) => [f.code, f.range.start.line]),
      [['KubeApiNotEnabled', 0]],
    );
    assert.equal(findings[0].message, 'batch/v1 Job is not served by the connected cluster (context lab, Kubernetes 1.36): enable it with --runtime-config=batch/v1=true');
  });

  it('keeps the defaults for another target version, and again once disconnected', async () => {
    const lab = cluster(['v1', 'storage.k8s.io/v1', 'storage.k8s.io/v1beta1']);
    assert.deepEqual(
      (await validate(vac('storage.k8s.io/v1beta1'), '1.35', DEFAULT_SETTINGS, lab)).map((f) => f.code),
      ['KubeApiNotEnabled'],
    );
    assert.deepEqual(
      (await validate(job, '1.35', DEFAULT_SETTINGS, lab)).map((f) => f.code),
      [],
    );
    const disconnected = clusterFactsOf({ context: null, crds: [] });
    assert.equal(disconnected, undefined);
    assert.deepEqual(
      (await validate(vac('storage.k8s.io/v1beta1'), '1.36', DEFAULT_SETTINGS, disconnected)).map((f) => f.code),
      ['KubeApiNotEnabled'],
    );
    assert.deepEqual(
      (await validate(job, '1.36', DEFAULT_SETTINGS, disconnected)).map((f) => f.code),
      [],
    );
  });

  it('the CRD-list fallback (no served list) keeps the defaults', async () => {
    const lab = clusterFactsOf({ context: 'lab', serverVersion: 'v1.36.3', source: 'crd-list', crds: [] });
    assert.deepEqual(
      (await validate(vac('storage.k8s.io/v1beta1'), '1.36', DEFAULT_SETTINGS, lab)).map((f) => f.code),
      ['KubeApiNotEnabled'],
    );
  });
});

describe('servedGroupVersions (client)', () => {
  it('lists core and named group-versions of an /openapi/v3 index, nothing else', () => {
    const index = { paths: { api: {}, 'api/v1': {}, apis: {}, 'apis/apps': {}, 'apis/apps/v1': {}, 'apis/x.example.com/v1alpha1': {}, version: {}, '.well-known/openid-configuration': {} } };
    assert.deepEqual(servedGroupVersions(index), ['apps/v1', 'v1', 'x.example.com/v1alpha1']);
    assert.deepEqual(servedGroupVersions({}), []);
  });
});
