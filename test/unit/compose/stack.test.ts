import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { composeSupport } from '../../../server/src/compose/index';
import { stackEnvironment } from '../../../server/src/compose/stack/environment';
import { newerProperties, stackVersion } from '../../../server/src/compose/stack/schema';
import { isStackFile } from '../../../server/src/compose/stack/stack-file';
import { interpolateStack } from '../../../server/src/compose/stack/template';
import { constraintError } from '../../../server/src/compose/rules/stack-placement';
import { detectKind } from '../../../server/src/core/detect';
import { loadFile } from '../../../server/src/core/load';
import { matchesAnyGlob } from '../../../server/src/core/path-glob';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/core/settings';
import { STACK_FIXTURES, validateStackFixture, validateText, type Expected } from './support';

// Each folder under stack-fixtures/ is one stack file written for one check (valid-* have none); expect.json lists
// every finding with its exact range. The same folders feed the swarm oracle (test/live/swarm-agreement.test.ts).
for (const name of fs.readdirSync(STACK_FIXTURES).sort()) {
  test(`stack fixture ${name}`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(STACK_FIXTURES, name, 'expect.json'), 'utf8')) as Expected[];
    const key = (e: Expected) => `${e.file} ${e.range} ${e.code} ${e.severity}`;
    assert.deepEqual(validateStackFixture(path.join(STACK_FIXTURES, name)).map(key).sort(), expected.map(key).sort());
    if (name.startsWith('valid-')) assert.deepEqual(expected, [], `${name} is valid`);
    else assert.ok(expected.length > 0, `${name} has its defect`);
  });
}

test('stack files by name, modeline and shipshape.swarm.stackFiles; other Compose files stay Compose', () => {
  for (const name of ['docker-stack.yml', 'docker-stack.yaml', 'stack.yml', 'web.stack.yml', 'web-stack.yaml', 'docker-stack.prod.yml']) {
    assert.equal(detectKind(`/w/${name}`, 'services: {}\n')?.kind, 'compose', name);
    assert.ok(isStackFile(`/w/${name}`, 'services: {}\n', DEFAULT_SETTINGS), name);
  }
  for (const name of ['compose.yaml', 'docker-compose.yml', 'callstack.yml', 'stacks.yml']) assert.equal(isStackFile(`/w/${name}`, 'services: {}\n', DEFAULT_SETTINGS), false, name);
  assert.ok(isStackFile('/w/compose.yaml', '# shipshape: kind=stack\nservices: {}\n', DEFAULT_SETTINGS));
  assert.equal(detectKind('/w/prod.yml', '# shipshape: kind=stack\nservices: {}\n')?.kind, 'compose');
  const settings = normalizeSettings({ swarm: { stackFiles: ['deploy/*.yml', 42] } });
  assert.deepEqual(settings.swarm.stackFiles, ['deploy/*.yml']);
  assert.ok(isStackFile('/w/app/deploy/prod.yml', 'services: {}\n', settings));
  assert.equal(isStackFile('/w/app/prod.yml', 'services: {}\n', settings), false);
  // A listed file that detection alone would call plain YAML is loaded as Compose (a stack).
  assert.equal(loadFile('/w/app/deploy/prod.yml', 'services: {}\n', settings, () => false)?.kind, 'compose');
  assert.equal(loadFile('/w/app/prod.yml', 'services: {}\n', settings, () => false)?.kind, 'yaml');
  // Haskell Stack's stack.yaml is not a Swarm stack; one with services is.
  assert.equal(detectKind('/w/stack.yaml', 'resolver: lts-22.0\npackages: [.]\n')?.kind, 'yaml');
  assert.equal(isStackFile('/w/stack.yaml', 'resolver: lts-22.0\n', DEFAULT_SETTINGS), false);
  // A Kubernetes manifest named like a stack is a manifest.
  assert.equal(detectKind('/w/docker-stack.yml', 'apiVersion: v1\nkind: Pod\n')?.kind, 'kubernetes');
});

test('path globs: * and ? inside a segment, ** across, relative patterns match at a segment boundary', () => {
  assert.ok(matchesAnyGlob('/a/b/deploy/x.yml', ['deploy/*.yml']));
  assert.ok(matchesAnyGlob('/a/b/deploy/x.yml', ['**/x.yml']));
  assert.ok(matchesAnyGlob('/a/b/deploy/x.yml', ['/a/**/x.yml']));
  assert.ok(matchesAnyGlob('/a/b/x1.yml', ['x?.yml']));
  assert.equal(matchesAnyGlob('/a/b/mydeploy/x.yml', ['deploy/*.yml']), false);
  assert.equal(matchesAnyGlob('/a/b/deploy/sub/x.yml', ['deploy/*.yml']), false);
  assert.equal(matchesAnyGlob('/a/b/x.yml', ['/b/x.yml']), false);
  assert.equal(matchesAnyGlob('/a/b/x+y.yml', ['x+y.yml']), true);
});

test('stack interpolation follows docker/cli template: no :+, no nesting, any other $ is invalid, last substitution wins', () => {
  const env: Record<string, string> = { SET: 'v', EMPTY: '' };
  const lookup = (name: string) => env[name];
  const cases: [string, string][] = [
    ['$SET', 'v'],
    ['${SET}', 'v'],
    ['a$$b', 'a$b'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    // The argument runs to the first `}`: a nested default is not expanded.
    ['${UNSET:-${SET}}', '${SET}'],
    // An unbraced name takes what follows `-` as its default.
    ['$UNSET-x', 'x'],
    ['$SET:8080', 'v:8080'],
  ];
  for (const [input, output] of cases) {
    const result = interpolateStack(input, lookup);
    assert.equal(result.value, output, input);
    assert.deepEqual(result.problems, [], input);
  }
  for (const bad of ['${SET:+r}', '$1', 'cost: 5$', '${}']) assert.equal(interpolateStack(bad, lookup).problems[0]?.kind, 'invalid', bad);
  assert.equal(interpolateStack('${UNSET:?need it}', lookup).problems[0]?.kind, 'required');
  assert.equal(interpolateStack('${EMPTY?x}', lookup).problems.length, 0);
  // Go's ReplaceAllStringFunc keeps the error of the last substitution only: a later good one clears it.
  assert.equal(interpolateStack('${UNSET:?x} $SET', lookup).problems.length, 0);
  assert.equal(interpolateStack('$SET ${UNSET:?x}', lookup).problems.length, 1);
});

test('a stack reads no .env: a variable set only there is unset for docker stack deploy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-env-'));
  fs.writeFileSync(path.join(dir, '.env'), 'SHIPSHAPE_ONLY_IN_DOTENV=x\n');
  const text = 'services:\n  app:\n    image: busybox:${SHIPSHAPE_ONLY_IN_DOTENV}\n';
  const stack = validateText(path.join(dir, 'docker-stack.yml'), text).filter((f) => f.code === 'UndefinedVariable');
  assert.equal(stack.length, 1);
  assert.match(String(stack[0].message), /reads no \.env file/);
  assert.deepEqual(
    validateText(path.join(dir, 'compose.yaml'), text).filter((f) => f.code === 'UndefinedVariable'),
    [],
  );
  assert.equal(stackEnvironment({ A: '1' }).lookup('A'), '1');
});

test('version: Go %v of the value, "3" and none mean the newest; properties newer than the version', () => {
  assert.equal(stackVersion({}), '3.13');
  assert.equal(stackVersion({ version: '3' }), '3.13');
  assert.equal(stackVersion({ version: 3.1 }), '3.1');
  assert.equal(stackVersion({ version: '2.4' }), '2.4');
  assert.deepEqual(
    newerProperties({ services: { a: { init: true, deploy: { placement: { max_replicas_per_node: 1 } } } } }, '3.6').map((p) => `${p.path.join('.')}@${p.since}`),
    ['services.a.deploy.placement.max_replicas_per_node@3.8', 'services.a.init@3.7'],
  );
  assert.deepEqual(
    newerProperties({ secrets: { s: { file: 'x' } } }, '3.0').map((p) => p.path.join('.')),
    ['secrets'],
  );
  assert.deepEqual(newerProperties({ services: { a: { init: true } } }, '3.13'), []);
});

test('placement constraints as swarmkit parses them', () => {
  for (const ok of ['node.role == manager', 'node.labels.zone!=eu-1', 'engine.labels.os == linux', 'node.hostname == host_1']) assert.equal(constraintError(ok), undefined, ok);
  assert.match(constraintError('node.role = manager')!, /expected one operator/);
  assert.match(constraintError('node role == manager')!, /key 'node role' is invalid/);
  assert.match(constraintError('node.role == <manager>')!, /value '<manager>' is invalid/);
});

test('plain Compose files keep their rules: no stack rule runs, compose-only rules do', () => {
  const text = 'version: "2.4"\nservices:\n  app:\n    image: busybox\n    mem_limit: 512m\n    deploy:\n      restart_policy:\n        condition: unless-stopped\n';
  const compose = validateText('/tmp/shipshape-no-such-dir/compose.yaml', text).map((f) => f.code);
  assert.ok(compose.includes('ObsoleteVersion'));
  assert.ok(!compose.some((c) => c.startsWith('Stack')), compose.join());
  const stack = validateText('/tmp/shipshape-no-such-dir/docker-stack.yml', text).map((f) => f.code);
  assert.ok(!stack.includes('ObsoleteVersion'));
  assert.ok(stack.includes('StackSchema'), stack.join());
  assert.ok(composeSupport.rules.some((r) => r.id === 'StackSchema'));
});
