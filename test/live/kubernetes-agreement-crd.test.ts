// Custom resources: the CRD of test/fixtures/kubernetes/crd is installed for real in the test cluster,
// then every custom resource is dry-run (Strict) and compared with Shipshape, which knows the CRD only
// from the workspace file. The CRD is deleted afterwards.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { sourceFile } from '../../server/src/core/source';
import { FileWorkspace } from '../../server/src/core/workspace';
import { kubernetesSupport } from '../../server/src/kubernetes/index';
import { compareFile, kubeConfig, request, resolver } from './kubernetes-agreement-support';

const env = process.env;
const skip: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;
const DIR = path.join(__dirname, '../fixtures/kubernetes/crd');
const CRD = 'widgets.shipshape.example.com';

test('custom resources: Shipshape agrees with kube-apiserver on a workspace CRD', { skip, timeout: 120_000 }, async (t) => {
  const kc = kubeConfig();
  const crdText = fs.readFileSync(path.join(DIR, 'crd.yaml'), 'utf8');
  const created = await request(kc, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crdText, 'application/yaml');
  assert.ok(created.status === 201 || created.status === 409, created.body);
  t.after(() => request(kc, 'DELETE', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD}`));
  for (let i = 0; ; i++) {
    const crd = JSON.parse((await request(kc, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD}`)).body);
    const discovered = (await request(kc, 'GET', '/apis/shipshape.example.com/v1')).status === 200;
    if (discovered && crd.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True')) break;
    assert.ok(i < 100, 'CRD not established within 20 s');
    await new Promise((r) => setTimeout(r, 200));
  }

  const workspace = new FileWorkspace();
  const load = (name: string) => sourceFile(TextDocument.create(`file://${path.join(DIR, name)}`, 'yaml', 1, fs.readFileSync(path.join(DIR, name), 'utf8')), 'kubernetes', '1.36');
  workspace.setIndexed(load('crd.yaml'));
  const resolve = resolver(kc);
  const problems: string[] = [];
  let rejected = 0;
  for (const name of ['invalid.yaml', 'valid.yaml']) {
    const file = load(name);
    const findings = await kubernetesSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace });
    const compared = await compareFile(kc, resolve, file.path, findings);
    problems.push(...compared.problems);
    rejected += compared.rejected;
  }
  t.diagnostic(`custom resources: server rejected ${rejected}`);
  assert.deepEqual(problems, []);
});
