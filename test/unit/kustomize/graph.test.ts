import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri, sourceFile, type SourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kustomizeGraph } from '../../../server/src/kustomize/graph';

// Which root builds read a file: the editor re-builds exactly those when the file changes.

const W = '/w';
function workspace(files: Record<string, string>): FileWorkspace {
  const ws = new FileWorkspace({ roots: [W] });
  for (const [name, text] of Object.entries(files)) {
    const file: SourceFile = sourceFile(TextDocument.create(pathToUri(path.join(W, name)), 'yaml', 1, text), path.basename(name).startsWith('kustomization') ? 'kustomization' : 'kubernetes', '1.36');
    ws.setIndexed(file);
  }
  return ws;
}

test('a base file is read by every root that reaches its kustomization, a patch by its overlay only', () => {
  const ws = workspace({
    'base/kustomization.yaml': 'resources:\n- deploy.yaml\n',
    'base/deploy.yaml': 'kind: Deployment\n',
    'a/kustomization.yaml': 'resources:\n- ../base\npatches:\n- path: patch.yaml\n',
    'b/kustomization.yaml': 'resources:\n- ../mid\n',
    'mid/kustomization.yaml': 'resources:\n- ../base\nconfigMapGenerator:\n- name: c\n  envs: [c.env]\n',
    // A cycle ends the walk: each folder is visited once.
    'loop/kustomization.yaml': 'resources:\n- ../loop2\n',
    'loop2/kustomization.yaml': 'resources:\n- ../loop\n',
  });
  const graph = kustomizeGraph(ws, undefined);
  const roots = (file: string) =>
    graph
      .rootsReading(path.join(W, file))
      .map((k) => path.relative(W, k.file.path))
      .sort();
  assert.deepEqual(roots('base/deploy.yaml'), ['a/kustomization.yaml', 'b/kustomization.yaml']);
  assert.deepEqual(roots('base/kustomization.yaml'), ['a/kustomization.yaml', 'b/kustomization.yaml']);
  assert.deepEqual(roots('a/patch.yaml'), ['a/kustomization.yaml']);
  assert.deepEqual(roots('mid/c.env'), ['b/kustomization.yaml']);
  assert.deepEqual(roots('a/kustomization.yaml'), ['a/kustomization.yaml']);
  assert.deepEqual(roots('elsewhere.yaml'), []);
  // Both of the cycle's kustomizations are used by the other: neither is a root.
  assert.deepEqual(roots('loop/kustomization.yaml'), []);
  assert.deepEqual(
    graph.kustomizationsOf(path.join(W, 'b/kustomization.yaml')).map((k) => path.relative(W, k.file.path)),
    ['b/kustomization.yaml', 'mid/kustomization.yaml', 'base/kustomization.yaml'],
  );
});
