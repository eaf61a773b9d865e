import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMap, parseDocument, type Scalar } from 'yaml';
import { goYamlType } from '../../../server/src/compose/go-yaml-scalar';

// How go-yaml (compose-go's decoder) types a mapping key. Each non-string row is a key compose-go v2.16.2
// refuses ("non-string key"), each string row one it accepts, as the compose-go oracle answered for a
// service named by it (test/oracles/compose-go); the YAML 1.2 core schema disagrees on several of them.
const ROWS: [string, string][] = [
  ['123', 'int'],
  ['-5', 'int'],
  ['+7', 'int'],
  ['0x1F', 'int'],
  ['0o17', 'int'],
  ['017', 'int'],
  ['0b101', 'int'],
  ['1_000', 'int'],
  ['1.5', 'float'],
  ['.5', 'float'],
  ['1e3', 'float'],
  ['08', 'float'],
  ['.inf', 'float'],
  ['-.Inf', 'float'],
  ['.NaN', 'float'],
  ['true', 'bool'],
  ['False', 'bool'],
  ['TRUE', 'bool'],
  ['~', 'null'],
  ['null', 'null'],
  ['NULL', 'null'],
  ['2024-01-02', 'timestamp'],
  ['2001-12-14T21:59:43.10Z', 'timestamp'],
  ['web', 'string'],
  ['yes', 'string'],
  ['no', 'string'],
  ['on', 'string'],
  ['y', 'string'],
  ['0x', 'string'],
  ['1.2.3', 'string'],
  ['1-2', 'string'],
  ['2024-13-01', 'string'],
  ['2001-12-14T21:59:43', 'string'],
  ['nulls', 'string'],
  ['-', 'string'],
  ['0xfffffffffffffffff', 'string'],
  ['"123"', 'string'],
  ["'true'", 'string'],
  ['!!str 42', 'string'],
  ['!!int "42"', 'int'],
];

test('mapping keys are typed the way go-yaml decodes them', () => {
  for (const [written, expected] of ROWS) {
    const doc = parseDocument(`${written}: x\n`);
    assert.ok(isMap(doc.contents), written);
    const key = doc.contents.items[0].key as Scalar;
    const source = typeof key.source === 'string' ? key.source : String(key.value);
    assert.equal(goYamlType(key, source), expected, written);
  }
});
