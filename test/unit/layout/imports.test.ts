// The layout's import rules (DESIGN.md, CONTRIBUTING.md), checked on the sources. The compiler already refuses
// client/src ↔ server/src crossings (client/ and server/ are composite projects); this also covers what it
// cannot: 'vscode' stays in the client, and the language services never import the LSP host (server/src/lsp/).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const REPO = path.resolve(__dirname, '../../..');
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*'([^']+)'|(?:^|[\s;(])import\s*'([^']+)'|\b(?:require|import)\(\s*'([^']+)'\s*\)/g;

function* sources(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* sources(relative);
    else if (/\.ts$/.test(entry.name)) yield relative;
  }
}

/** Each import of a file: the package name, or the repo-relative path a relative specifier points at. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .map((spec) =>
      spec.startsWith('.')
        ? path
            .relative(REPO, path.resolve(REPO, path.dirname(file), spec))
            .split(path.sep)
            .join('/')
        : spec,
    );
}

function violations(dirs: string[], refused: (target: string, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const dir of dirs) for (const file of sources(dir)) for (const target of importsOf(file)) if (refused(target, file)) out.push(`${file} → ${target}`);
  return out;
}

test('the import reader sees every kind of import (so the rules below can fail)', () => {
  assert.ok(importsOf('server/src/server.ts').includes('server/src/lsp/state'));
  assert.ok(importsOf('server/src/server.ts').includes('vscode-languageserver/node'));
  assert.ok(importsOf('client/src/extension.ts').includes('vscode'));
  assert.ok(importsOf('client/src/language/status.ts').includes('protocol'));
});

test('protocol/ imports neither side, nor vscode', () => {
  assert.deepEqual(
    violations(['protocol'], (t) => t === 'vscode' || t.startsWith('client/') || t.startsWith('server/')),
    [],
  );
});

test('server/src never imports vscode or client/', () => {
  assert.deepEqual(
    violations(['server/src'], (t) => t === 'vscode' || t.startsWith('client/')),
    [],
  );
});

test('client/src reaches the server only through protocol/', () => {
  assert.deepEqual(
    violations(['client/src'], (t) => t.startsWith('server/')),
    [],
  );
});

test('language services never import the LSP host (server/src/lsp/, server.ts)', () => {
  const host = (file: string) => file.startsWith('server/src/lsp/') || file === 'server/src/server.ts' || file === 'server/src/main.ts';
  assert.deepEqual(
    violations(['server/src'], (t, file) => !host(file) && (t.startsWith('server/src/lsp/') || t === 'server/src/server')),
    [],
  );
});
