// The object and CRD indexes answer from their cache while the workspace's files are what they were (the
// workspace pass checks thousands of member files in turn), and never once a file came, went or changed,
// nor for another workspace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile, type SourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';

const CRD_DIR = path.join(__dirname, '../../fixtures/kubernetes/crd');
const file = (name: string, text: string) => sourceFile(TextDocument.create(`file:///w/${name}`, 'yaml', 1, text), 'kubernetes', '1.36');
const crd = () => file('crd.yaml', fs.readFileSync(path.join(CRD_DIR, 'crd.yaml'), 'utf8'));
const resource = file('valid.yaml', fs.readFileSync(path.join(CRD_DIR, 'valid.yaml'), 'utf8'));
const deployment = (app: string, name = 'deploy.yaml') =>
  file(
    name,
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector:',
      '    matchLabels:',
      `      app: ${app}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: ${app}`,
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: nginx:1.27',
      '',
    ].join('\n'),
  );
/** A workload the Service never selects: KubeServiceNoMatch speaks only in a workspace that has workloads. */
const unrelated = deployment('api', 'api.yaml');
const service = file('svc.yaml', ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector:', '    app: web', '  ports:', '  - port: 80', ''].join('\n'));

async function codes(target: SourceFile, workspace: FileWorkspace): Promise<string[]> {
  return [...new Set((await kubernetesSupport.validate(target, { settings: DEFAULT_SETTINGS, workspace })).map((f) => String(f.code)))].sort();
}

test("cross-file results follow every change to the workspace's files, member after member", async () => {
  const workspace = new FileWorkspace();
  for (const f of [crd(), resource, unrelated, deployment('web'), service]) workspace.setIndexed(f);
  assert.ok(workspace.revisionFor(service) !== undefined);
  assert.deepEqual(await codes(service, workspace), []);
  assert.deepEqual(await codes(resource, workspace), []);
  assert.deepEqual(await codes(service, workspace), []);

  workspace.removeIndexed(deployment('web').path);
  assert.deepEqual(await codes(service, workspace), ['KubeServiceNoMatch']);
  workspace.setIndexed(deployment('api'));
  assert.deepEqual(await codes(resource, workspace), []);
  assert.deepEqual(await codes(service, workspace), ['KubeServiceNoMatch']);
  workspace.setIndexed(deployment('web'));
  assert.deepEqual(await codes(service, workspace), []);

  workspace.removeIndexed(crd().path);
  assert.ok((await codes(resource, workspace)).includes('KubeUnknownKind'));
  workspace.setIndexed(crd());
  assert.deepEqual(await codes(resource, workspace), []);

  // An open version replaces the indexed one in files(): the indexed one is no longer a member.
  const open = deployment('other');
  workspace.setOpen(open);
  assert.equal(workspace.revisionFor(deployment('web')), undefined);
  assert.deepEqual(await codes(service, workspace), ['KubeServiceNoMatch']);
  workspace.closeOpen(open.path);
  assert.deepEqual(await codes(service, workspace), []);
});

test("another workspace never gets this one's cached indexes", async () => {
  const full = new FileWorkspace();
  for (const f of [crd(), unrelated, deployment('web'), service]) full.setIndexed(f);
  const bare = new FileWorkspace();
  bare.setIndexed(unrelated);
  bare.setIndexed(service);
  assert.deepEqual(await codes(service, full), []);
  assert.deepEqual(await codes(service, bare), ['KubeServiceNoMatch']);
  assert.deepEqual(await codes(service, full), []);
  assert.notEqual(full.revisionFor(service), bare.revisionFor(service));
});
