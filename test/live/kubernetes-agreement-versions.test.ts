// Agreement per target version: Shipshape targeting Kubernetes 1.33 (the oldest version it bundles)
// against a REAL kube-apiserver v1.33.x (test/infra/kube/up-agreement.sh 1.33, beside up.sh's 1.36
// cluster). Every manifest of test/fixtures/kubernetes/{invalid,valid,versions} is POSTed as YAML with
// dryRun=All&fieldValidation=Strict:
// - the 1.33 server rejects it -> Shipshape (target 1.33) reports an error on its `# cause` line
//   (anywhere in the manifest when none is marked, e.g. a valid/ manifest that only newer versions accept);
// - the 1.33 server accepts it -> Shipshape (target 1.33) reports no error in it.
// versions/ holds manifests whose verdict changed after 1.33: `# valid-since: 1.34` (fields, kinds and
// values added later: older servers reject them) and `# invalid-since: 1.34` (validation added later:
// older servers accept them). Both servers must give the verdict the corpus claims, and Shipshape must
// flag each case, on its cause line, for exactly the bundled versions that reject it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { corpus, type CorpusCase } from '../fixtures/kubernetes/corpus';
import { describeErrors, dryRun, errorsOf, findingsByFile, judge, kubeConfig, request, resolver } from './kubernetes-agreement-support';
import { bundledVersions, minorOf } from '../../server/src/kubernetes/schema/store';

const env = process.env;
const OLD = '1.33';
const oldKubeconfig = env.SHIPSHAPE_TEST_KUBE_133_KUBECONFIG;
const oldContext = env.SHIPSHAPE_TEST_KUBE_133_CONTEXT;
const skipOld: string | false = (!oldKubeconfig || !oldContext) && env.CI !== 'true' ? 'SHIPSHAPE_TEST_KUBE_133_KUBECONFIG not set (run via scripts/test.sh live, or test/infra/kube/up-agreement.sh 1.33)' : false;
const skipNew: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;

/** Whether kube-apiserver of this minor rejects a versions/ case, by its valid-since / invalid-since. */
const rejectedIn = (c: CorpusCase, version: string) => (c.validSince ? minorOf(version) < minorOf(c.validSince) : minorOf(version) >= minorOf(c.invalidSince!));
const sinceOf = (c: CorpusCase) => (c.validSince ? `valid since ${c.validSince}` : `invalid since ${c.invalidSince}`);

test('versions corpus: at least 8 manifests, each with a valid-since or invalid-since after 1.33 and a cause line', () => {
  const cases = corpus('versions');
  assert.ok(cases.length >= 8, `only ${cases.length} version cases`);
  for (const c of cases) {
    const since = c.validSince ?? c.invalidSince;
    assert.ok(since && minorOf(since) > minorOf(OLD), `${c.label}: needs "# valid-since: 1.NN" or "# invalid-since: 1.NN" newer than ${OLD}`);
    assert.ok(c.causeLine !== undefined, `${c.label}: needs a "# cause" line`);
  }
});

test('offline: Shipshape flags a versions/ manifest for exactly the bundled versions that reject it', async () => {
  const cases = corpus('versions');
  const problems: string[] = [];
  for (const version of bundledVersions()) {
    const findings = await findingsByFile(cases, version);
    for (const c of cases) {
      const errors = errorsOf(findings, c);
      if (rejectedIn(c, version)) {
        if (!errors.some((e) => e.range.start.line === c.causeLine)) problems.push(`target ${version}: MISSED ${c.label} (${sinceOf(c)}); errors: ${describeErrors(errors)}`);
      } else if (errors.length) {
        problems.push(`target ${version}: FALSE POSITIVE ${c.label} (${sinceOf(c)}): ${describeErrors(errors)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test(`Shipshape targeting ${OLD} agrees with kube-apiserver ${OLD} (dryRun=All, fieldValidation=Strict)`, { skip: skipOld, timeout: 300_000 }, async (t) => {
  assert.ok(oldKubeconfig && oldContext, 'SHIPSHAPE_TEST_KUBE_133_KUBECONFIG / _CONTEXT are not set: run test/infra/kube/up-agreement.sh 1.33 and source $SHIPSHAPE_RUN_DIR/env/kube-1.33.env');
  const kc = kubeConfig(oldKubeconfig, oldContext);
  const { gitVersion } = JSON.parse((await request(kc, 'GET', '/version')).body) as { gitVersion: string };
  assert.ok(gitVersion.startsWith(`v${OLD}.`), `the server at ${kc.getCurrentCluster()?.server} is ${gitVersion}, not ${OLD}`);
  const resolve = resolver(kc);
  const sets = { invalid: corpus('invalid'), valid: corpus('valid'), versions: corpus('versions') };
  const findings = await findingsByFile([...sets.invalid, ...sets.valid, ...sets.versions], OLD);

  const problems: string[] = [];
  const counts: string[] = [];
  for (const [name, cases] of Object.entries(sets)) {
    let rejected = 0;
    let flagged = 0;
    let accepted = 0;
    for (const c of cases) {
      const verdict = await dryRun(kc, resolve, c);
      if (name === 'versions' && verdict.accepted === rejectedIn(c, OLD)) {
        problems.push(`VERSION CASE ${c.label}: marked ${sinceOf(c)}, but ${gitVersion} ${verdict.accepted ? 'accepts it' : `rejects it: ${verdict.message}`}`);
      }
      const { flagged: hit, problem } = judge(c, verdict, errorsOf(findings, c), gitVersion, OLD);
      if (verdict.accepted) accepted++;
      else rejected++;
      if (hit) flagged++;
      if (problem) problems.push(problem);
    }
    counts.push(`${name} ${cases.length}: server rejected ${rejected} (Shipshape flagged ${flagged}), accepted ${accepted}`);
  }
  t.diagnostic(`kube-apiserver ${gitVersion}, Shipshape target ${OLD}: ${counts.join('; ')}`);
  assert.deepEqual(problems, []);
});

test('versions corpus: the newest kube-apiserver (up.sh, 1.36) gives the verdicts the corpus claims, and Shipshape targeting it agrees', { skip: skipNew, timeout: 120_000 }, async (t) => {
  const kc = kubeConfig();
  const { gitVersion } = JSON.parse((await request(kc, 'GET', '/version')).body) as { gitVersion: string };
  const minor = `1.${gitVersion.split('.')[1]}`;
  const resolve = resolver(kc);
  const cases = corpus('versions');
  const findings = await findingsByFile(cases, minor);
  const problems: string[] = [];
  let accepted = 0;
  for (const c of cases) {
    const verdict = await dryRun(kc, resolve, c);
    if (verdict.accepted === rejectedIn(c, minor)) problems.push(`VERSION CASE ${c.label}: marked ${sinceOf(c)}, but ${gitVersion} ${verdict.accepted ? 'accepts it' : `rejects it: ${verdict.message}`}`);
    if (verdict.accepted) accepted++;
    const { problem } = judge(c, verdict, errorsOf(findings, c), gitVersion, minor);
    if (problem) problems.push(problem);
  }
  t.diagnostic(`kube-apiserver ${gitVersion}: versions corpus ${cases.length}, accepted ${accepted}`);
  assert.deepEqual(problems, []);
});
