import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExcludeGlobs, globToRegExp } from '../../../server/src/core/glob';

const matches = (glob: string, path: string) => globToRegExp(glob).test(path);

test('globs: * and ? stay in a segment, ** crosses any number of them', () => {
  assert.ok(matches('*.yaml', 'a.yaml'));
  assert.ok(!matches('*.yaml', 'k8s/a.yaml'));
  assert.ok(matches('**/*.yaml', 'a.yaml'));
  assert.ok(matches('**/*.yaml', 'k8s/base/a.yaml'));
  assert.ok(matches('**/node_modules', 'node_modules'));
  assert.ok(matches('**/node_modules', 'web/node_modules'));
  assert.ok(!matches('**/node_modules', 'web/node_modules2'));
  assert.ok(matches('build/**', 'build'));
  assert.ok(matches('build/**', 'build/x/y.yaml'));
  assert.ok(!matches('build/**', 'builder/x.yaml'));
  assert.ok(matches('a/**/b', 'a/b'));
  assert.ok(matches('a/**/b', 'a/x/y/b'));
  assert.ok(matches('file?.yml', 'file1.yml'));
  assert.ok(!matches('file?.yml', 'file/.yml'));
  assert.ok(matches('**', 'anything/at/all'));
});

test('globs: {a,b} alternatives (nested too), [] ranges, and literal regex characters', () => {
  assert.ok(matches('**/*.{yaml,yml}', 'x/a.yml'));
  assert.ok(!matches('**/*.{yaml,yml}', 'x/a.json'));
  assert.ok(matches('{dist,out/{a,b}}/**', 'out/b/c.yaml'));
  assert.ok(!matches('{dist,out/{a,b}}/**', 'out/c/c.yaml'));
  assert.ok(matches('v[0-9].yaml', 'v1.yaml'));
  assert.ok(!matches('v[!0-9].yaml', 'v1.yaml'));
  assert.ok(matches('v[!0-9].yaml', 'vx.yaml'));
  assert.ok(matches('a+b(c).yaml', 'a+b(c).yaml'));
  assert.ok(!matches('a.yaml', 'axyaml'));
  assert.ok(matches('./gen/', 'gen'));
});

test('files.exclude: true excludes, false and bad values do not, when clauses need the sibling', () => {
  const globs = new ExcludeGlobs({ '**/gen': true, 'kept/**': false, '**/*.js': { when: '$(basename).ts' }, odd: 'yes' });
  const none = () => false;
  assert.ok(globs.matches('a/gen', none));
  assert.ok(!globs.matches('kept/x.yaml', none));
  assert.ok(!globs.matches('odd', none));
  assert.ok(!globs.matches('src/app.js', none));
  assert.ok(globs.matches('src/app.js', (name) => name === 'app.ts'));
  assert.ok(new ExcludeGlobs(null).empty);
  assert.ok(new ExcludeGlobs({ x: false }).empty);
});
