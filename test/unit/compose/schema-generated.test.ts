import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

// The committed ajv standalone validator is exactly what the generator makes from the committed compose-spec.json.
test('the generated schema validator is up to date with schemas/compose/compose-spec.json', () => {
  const root = path.resolve(__dirname, '../../..');
  const result = spawnSync(process.execPath, [path.join(root, 'schemas/compose/generate.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

// The same for stack files: the v3.13 validator and the since-version table from docker/cli's committed schemas.
test('the generated stack schema validator and version table are up to date with schemas/stack', () => {
  const root = path.resolve(__dirname, '../../..');
  const result = spawnSync(process.execPath, [path.join(root, 'schemas/stack/generate.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
