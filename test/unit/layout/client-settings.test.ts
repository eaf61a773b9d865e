// The client's settings have one typed home, client/src/config.ts (as rust-analyzer's editors/code config.ts):
// no other client module reads `shipshape.*` by string key, and every key config.ts reads is one package.json declares.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '../../..');
const CONFIG = 'client/src/config.ts';

function* clientSources(dir = 'client/src'): Generator<string> {
  for (const entry of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* clientSources(relative);
    else if (entry.name.endsWith('.ts')) yield relative;
  }
}

test('only client/src/config.ts reads shipshape settings', () => {
  const readers = [...clientSources()].filter((file) => file !== CONFIG && /getConfiguration\(\s*'shipshape|affectsConfiguration\(\s*'shipshape/.test(fs.readFileSync(path.join(REPO, file), 'utf8')));
  assert.deepEqual(readers, []);
});

test('every key config.ts reads or writes is declared in package.json', () => {
  const text = fs.readFileSync(path.join(REPO, CONFIG), 'utf8');
  const keys = [...text.matchAll(/\.(?:get<[^>]*>|update)\('([\w.]+)'/g)].map((m) => m[1]);
  assert.ok(keys.length >= 10, `read ${keys.length} keys from ${CONFIG}`);
  const declared = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties);
  assert.deepEqual(
    keys.filter((key) => !declared.includes(`shipshape.${key}`)),
    [],
  );
});
