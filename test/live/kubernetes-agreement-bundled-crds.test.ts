// The bundled CRD catalog against the real kube-apiserver: every set of schemas/crds is installed as the
// CRDs it was generated from (rebuilt from the catalog: names, served versions, storage, subresources,
// schemas), then each fixture of test/fixtures/kubernetes/bundled-crds is dry-run (Strict) and compared with
// Shipshape, which validates with no CRD in the workspace and no cluster. The CRDs are deleted afterwards.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { sourceFile } from '../../server/src/core/source';
import { FileWorkspace } from '../../server/src/core/workspace';
import { kubernetesSupport } from '../../server/src/kubernetes/index';
import { crdsOfCatalog, installCatalogCrds } from './bundled-crds-support';
import { compareFile, kubeConfig, resolver } from './kubernetes-agreement-support';

const env = process.env;
const skip: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;
const FIXTURES = path.join(__dirname, '../fixtures/kubernetes/bundled-crds');
test('bundled CRDs: Shipshape agrees with kube-apiserver on the custom resources of every bundled set', { skip, timeout: 300_000 }, async (t) => {
  const kc = kubeConfig();
  const remove = await installCatalogCrds(kc);
  t.after(remove);

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
    const compared = await compareFile(kc, resolve, file.path, findings);
    problems.push(...compared.problems);
    rejected += compared.rejected;
    cases += compared.cases;
  }
  t.diagnostic(`bundled CRDs: ${crdsOfCatalog().length} CRDs installed, ${cases} resources, server rejected ${rejected}`);
  assert.deepEqual(problems, []);
});
