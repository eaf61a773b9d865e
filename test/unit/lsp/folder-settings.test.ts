// Which workspace folder's settings a file gets (server/src/lsp/state.ts): the innermost folder holding it,
// else the settings of no folder. The multi-root behaviour end to end is test/lsp/settings-per-folder.test.ts.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../../server/src/core/settings';
import { pathToUri } from '../../../server/src/core/source';
import { ServerState } from '../../../server/src/lsp/state';

const root = path.resolve('/work/space');
const at = (...parts: string[]) => path.join(root, ...parts);
const version = (v: string) => normalizeSettings({ kubernetes: { version: v } });
const folder = (dir: string, v: string) => ({ uri: pathToUri(dir), root: dir, settings: version(v) });

test("a file takes its innermost folder's settings; a file outside every folder the unscoped ones", () => {
  const state = new ServerState();
  state.settings = version('1.36');
  state.setFolderSettings([folder(at('apps'), '1.34'), folder(at('apps', 'legacy'), '1.33')]);
  assert.equal(state.kubernetesVersionFor(at('apps', 'web', 'deploy.yaml')), '1.34');
  assert.equal(state.kubernetesVersionFor(at('apps', 'legacy', 'deploy.yaml')), '1.33');
  // A sibling whose name merely starts like a folder's is not inside it.
  assert.equal(state.kubernetesVersionFor(at('apps-old', 'deploy.yaml')), '1.36');
  assert.equal(state.kubernetesVersionFor(''), '1.36');
  assert.equal(state.contextFor('untitled:Untitled-1').settings.kubernetes.version, '1.36');
  assert.equal(state.contextFor(pathToUri(at('apps', 'legacy', 'x.yaml'))).settings.kubernetes.version, '1.33');
  assert.deepEqual(state.folderVersions.map((f) => [f.uri, f.kubernetesVersion, f.kubernetesVersionSource]).sort(), [
    [pathToUri(at('apps')), '1.34', 'setting'],
    [pathToUri(at('apps', 'legacy')), '1.33', 'setting'],
  ]);
  const manifest = TextDocument.create(pathToUri(at('apps', 'legacy', 'pod.yaml')), 'yaml', 1, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n');
  assert.equal(state.file(manifest)?.kubernetesVersion, '1.33');
});

test('without folder settings (pushed settings, the standalone server) every file has the one settings object', () => {
  const state = new ServerState();
  state.settings = version('1.35');
  state.setFolderSettings([folder(at('apps'), '1.34')]);
  state.setFolderSettings([]);
  assert.equal(state.contextFor(pathToUri(at('apps', 'x.yaml'))).settings, state.settings);
});
