import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, validateFixture, type Expected } from './support';

// Each folder under fixtures/ is a Compose project written for one check; expect.json lists every finding
// with its exact range. The same folders feed the compose-go agreement test (test/oracles).
for (const name of fs.readdirSync(FIXTURES).sort()) {
  test(`fixture ${name}`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'expect.json'), 'utf8')) as Expected[];
    const key = (e: Expected) => `${e.file} ${e.range} ${e.code} ${e.severity}`;
    assert.deepEqual(validateFixture(path.join(FIXTURES, name)).map(key).sort(), expected.map(key).sort());
  });
}

test('every fixture folder has an expectation and a compose.yaml', () => {
  for (const name of fs.readdirSync(FIXTURES)) {
    assert.ok(fs.existsSync(path.join(FIXTURES, name, 'compose.yaml')), name);
    assert.ok(fs.existsSync(path.join(FIXTURES, name, 'expect.json')), name);
  }
});
