// The command palette as package.json shapes it: one prefix per entry ("Shipshape Docker: Build Image…",
// not "Shipshape: Docker: Build Image…"), and commands that only work on a tree row are not offered there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const commands: { command: string; title: string; category?: string }[] = pkg.contributes.commands;

test('every palette entry has one prefix: its category, and a title without another one', () => {
  const doubled = commands.filter((c) => /^[A-Z][a-z]+: /.test(c.title)).map((c) => `${c.category}: ${c.title}`);
  assert.deepEqual(doubled, []);
  for (const c of commands) assert.match(c.category ?? '', /^Shipshape( Docker| Compose| Kubernetes| Helm)?$/, c.command);
});

test('commands that need a tree row are hidden from the palette', () => {
  const hidden = new Set((pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command));
  for (const id of ['shipshape.docker.removeImage', 'shipshape.docker.removeVolume', 'shipshape.docker.removeNetwork']) assert.ok(hidden.has(id), id);
  // Their handlers do nothing without a row: the source says so, so the list above stays true.
  const source = fs.readFileSync(path.resolve(__dirname, '../../../client/src/docker/commands.ts'), 'utf8');
  for (const [fn, kind] of [
    ['removeImage', 'image'],
    ['removeVolume', 'volume'],
    ['removeNetwork', 'network'],
  ]) {
    assert.match(source, new RegExp(`async ${fn}\\(node\\?: DockerNode\\)[^{]*\\{\\s*if \\(node\\?\\.kind !== '${kind}'\\) return;`));
  }
});
