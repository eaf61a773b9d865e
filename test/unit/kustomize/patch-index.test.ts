import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../../server/src/core/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { validateManifest } from '../../../server/src/kubernetes/engine';

// A kustomization's patch is a fragment of its target, not an object: what it names does not count as declared.

const W = '/w';
const load = (name: string, text: string, kind: 'kubernetes' | 'kustomization' = 'kubernetes') => sourceFile(TextDocument.create(pathToUri(path.join(W, name)), 'yaml', 1, text), kind, '1.36');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    envFrom:\n    - configMapRef:\n        name: settings\n';
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';

function missing(patchListed: boolean): Finding[] {
  const workspace = new FileWorkspace({ roots: [W] });
  const pod = load('app/pod.yaml', POD);
  workspace.setIndexed(pod);
  workspace.setIndexed(load('app/settings.yaml', CONFIG));
  workspace.setIndexed(load('app/kustomization.yaml', `resources:\n- pod.yaml\n${patchListed ? 'patches:\n- path: settings.yaml\n' : ''}`, 'kustomization'));
  return validateManifest(pod, { settings: DEFAULT_SETTINGS, workspace }).filter((f) => f.code === 'KubeMissingReference');
}

test('an object a patch file names is not in the object index; the same file as a resource is', () => {
  assert.equal(missing(false).length, 0);
  assert.equal(missing(true).length, 1);
});
