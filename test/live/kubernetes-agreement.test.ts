// Agreement between Shipshape and a REAL kube-apiserver (test/infra/kube). Every manifest of
// test/fixtures/kubernetes/{invalid,valid} is POSTed as YAML with dryRun=All&fieldValidation=Strict.
// - the server rejects it  -> Shipshape must report an error on the line marked `# cause`;
// - the server accepts it  -> Shipshape must report no error in that manifest.
// Nothing is mocked: discovery, admission and validation are the server's own.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { corpus } from '../fixtures/kubernetes/corpus';
import { describeErrors, dryRun, errorsOf, findingsByFile, judge, kubeConfig, request, resolver } from './kubernetes-agreement-support';

const env = process.env;
export const skip: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;

test('Shipshape agrees with kube-apiserver (dryRun=All, fieldValidation=Strict)', { skip, timeout: 300_000 }, async (t) => {
  const kc = kubeConfig();
  const version = JSON.parse((await request(kc, 'GET', '/version')).body) as { gitVersion: string };
  const resolve = resolver(kc);
  const invalid = corpus('invalid');
  const valid = corpus('valid');
  assert.ok(invalid.length >= 150, `the invalid corpus has only ${invalid.length} manifests`);
  const findings = await findingsByFile([...invalid, ...valid], '1.36');

  const problems: string[] = [];
  let rejected = 0;
  let flaggedOnCause = 0;
  let acceptedInvalid = 0;
  for (const c of invalid) {
    const verdict = await dryRun(kc, resolve, c);
    const { flagged, problem } = judge(c, verdict, errorsOf(findings, c), version.gitVersion, '1.36');
    if (verdict.accepted) acceptedInvalid++;
    else rejected++;
    if (flagged) flaggedOnCause++;
    if (problem) problems.push(problem);
  }
  let acceptedValid = 0;
  for (const c of valid) {
    const verdict = await dryRun(kc, resolve, c);
    const errors = errorsOf(findings, c);
    if (verdict.accepted) {
      acceptedValid++;
      if (errors.length) problems.push(`FALSE POSITIVE ${c.label}: ${describeErrors(errors)}`);
    } else {
      problems.push(`VALID CORPUS REJECTED ${c.label}: ${verdict.message}`);
    }
  }
  t.diagnostic(
    `kube-apiserver ${version.gitVersion}: invalid corpus ${invalid.length} (server rejected ${rejected}, Shipshape flagged ${flaggedOnCause} of them on the cause line; server accepted ${acceptedInvalid}); valid corpus ${valid.length} (server accepted ${acceptedValid})`,
  );
  assert.deepEqual(problems, []);
});
