import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constraintError, isLooseSemver, isSemver2 } from '../../../server/src/helm/chart-yaml';

test('versions: SemVer 2, and the looser form Helm accepts', () => {
  for (const v of ['1.2.3', '0.1.0-rc.1', '1.0.0+build.5', '10.20.30-alpha.beta-1']) assert.ok(isSemver2(v), v);
  for (const v of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-01']) assert.ok(!isSemver2(v), v);
  for (const v of ['1.2', 'v1.2.3', '1', '1.2.3']) assert.ok(isLooseSemver(v), v);
  for (const v of ['abc', '1.2.3.4', '']) assert.ok(!isLooseSemver(v), v);
});

test('ranges: what Masterminds semver.NewConstraint parses', () => {
  for (const r of ['>=1.25.0-0', '>= 1.25, < 2', '~1.2.3', '^2', '1.2 - 1.4', '>=1.20.0-0 <1.30.0-0 || >=1.31', '1.x', '*', '=1.2.3', '!=1.0.0']) assert.equal(constraintError(r), undefined, r);
  assert.match(constraintError('not a range')!, /`not` is not a version comparison/);
  assert.match(constraintError('>=1.30 <<2')!, /`<<2`/);
  assert.match(constraintError('>=1 ||')!, /empty/);
  assert.match(constraintError('')!, /empty/);
});
