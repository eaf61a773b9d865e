import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDotenv } from '../../../server/src/compose/dotenv';
import { interpolate } from '../../../server/src/compose/interpolation';

const env: Record<string, string> = { SET: 'v', EMPTY: '' };
const lookup = (name: string) => env[name];

test('substitution forms of compose-go templates', () => {
  const cases: [string, string][] = [
    ['$SET', 'v'],
    ['${SET}', 'v'],
    ['a$$b', 'a$b'],
    ['$$SET', '$SET'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+r}', 'r'],
    ['${EMPTY:+r}', ''],
    ['${EMPTY+r}', 'r'],
    ['${UNSET:-${SET}}', 'v'],
    ['$1 and $ alone', '$1 and $ alone'],
    ['${UNSET:-a}b}', 'ab}'],
  ];
  for (const [input, output] of cases) assert.equal(interpolate(input, lookup).value, output, input);
});

test('invalid templates are errors with the offset of the `${`', () => {
  for (const bad of ['${}', '${ SET}', '${SET', '${SET:x}', '${1A}']) {
    const result = interpolate(`pre ${bad}`, lookup);
    assert.equal(result.problems.length, 1, bad);
    assert.equal(result.problems[0].kind, 'invalid');
    assert.equal(result.problems[0].start, 4);
  }
});

test('required variables: unset (or empty with :?) is an error carrying the message', () => {
  assert.deepEqual(
    interpolate('${UNSET:?need it}', lookup).problems.map((p) => [p.kind, p.variable, p.message]),
    [['required', 'UNSET', 'Required variable UNSET is missing a value: need it.']],
  );
  assert.equal(interpolate('${EMPTY?x}', lookup).problems.length, 0);
  assert.equal(interpolate('${EMPTY:?x}', lookup).problems.length, 1);
  assert.equal(interpolate('${SET:?x}', lookup).problems.length, 0);
});

test('uses are recorded with offsets and whether a fallback exists', () => {
  const uses = interpolate('x${A}y$B ${C:-d}', lookup, 10).uses;
  assert.deepEqual(
    uses.map((u) => [u.name, u.start, u.end, u.hasFallback]),
    [
      ['A', 11, 15, false],
      ['B', 16, 18, false],
      ['C', 19, 26, true],
    ],
  );
});

test('.env files: quotes, export, comments and expansion of earlier keys', () => {
  const entries = parseDotenv('# comment\nexport A=1\nB="two words" \nC=\'${A} raw\'\nD=${A}-x # trailing\nE\nF="multi\nline"\n', (n) => (n === 'E' ? 'from-env' : undefined));
  assert.deepEqual(Object.fromEntries(entries.map((e) => [e.name, e.value])), { A: '1', B: 'two words', C: '${A} raw', D: '1-x', E: 'from-env', F: 'multi\nline' });
  assert.equal(entries.find((e) => e.name === 'D')?.line, 4);
});
