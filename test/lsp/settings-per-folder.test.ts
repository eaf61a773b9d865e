// Settings per workspace folder (a multi-root workspace), through the built server over stdio: the server
// pulls the `shipshape` section once without a scope and once per folder (scopeUri), checks each file with
// its folder's values, and pulls again when told the configuration changed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from '../support/lsp-client';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-folders-'));
const older = path.join(root, 'older');
const newer = path.join(root, 'newer');
const outside = path.join(root, 'outside');
for (const dir of [older, newer, outside]) fs.mkdirSync(dir);

// storage.k8s.io/v1 VolumeAttributesClass is served from 1.34 on; v1beta1 is off by default in every version.
const MANIFEST = [
  'apiVersion: storage.k8s.io/v1',
  'kind: VolumeAttributesClass',
  'metadata:',
  '  name: gold',
  'driverName: csi.example.com',
  '---',
  'apiVersion: storage.k8s.io/v1beta1',
  'kind: VolumeAttributesClass',
  'metadata:',
  '  name: silver',
  'driverName: csi.example.com',
  '',
].join('\n');

let client: LspClient;
before(async () => {
  ({ client } = await LspClient.start({
    settings: { kubernetes: { version: 'auto' } },
    folders: [
      { path: older, settings: { kubernetes: { version: '1.33' } } },
      { path: newer, settings: { kubernetes: { version: '1.36' }, rules: { KubeApiNotEnabled: 'off' } } },
    ],
  }));
  // Files opened before the first pull is answered are checked again after it; wait for it, so the first diagnostics tell.
  await readyAfter(0);
});

/** Waits for the server's `ready` status after the first `skip` of them (one follows every settings pull). */
async function readyAfter(skip: number): Promise<void> {
  const ready = () => client.notifications.filter((n) => n.method === 'shipshape/status' && (n.params as { state: string }).state === 'ready').length;
  for (const deadline = Date.now() + 10_000; ready() <= skip; ) {
    if (Date.now() > deadline) throw new Error(`no ready status after ${skip}; stderr: ${client.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line} ${String(d.code)}`);

async function checked(dir: string, name: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = fileUri(path.join(dir, name));
  client.open(uri, 'yaml', MANIFEST);
  return { uri, diagnostics: await client.waitForDiagnostics(uri) };
}

test("each folder's files are checked with that folder's settings; other files with the unscoped ones", async () => {
  assert.deepEqual(codes((await checked(older, 'vac.yaml')).diagnostics), ['0 KubeApiNotServed', '6 KubeApiNotEnabled']);
  assert.deepEqual(codes((await checked(newer, 'vac.yaml')).diagnostics), []);
  // auto without a cluster: the newest bundled version, no rule overrides.
  assert.deepEqual(codes((await checked(outside, 'vac.yaml')).diagnostics), ['6 KubeApiNotEnabled']);
  // The status carries each folder's version, for the status bar to show the active file's.
  const status = [...client.notifications].reverse().find((n) => n.method === 'shipshape/status')?.params as { kubernetesVersion: string; folders?: { uri: string; kubernetesVersion: string; kubernetesVersionSource: string }[] };
  assert.equal(status.kubernetesVersion, '1.36');
  assert.deepEqual(status.folders?.map((f) => [f.uri, f.kubernetesVersion, f.kubernetesVersionSource]).sort(), [
    [fileUri(newer), '1.36', 'setting'],
    [fileUri(older), '1.33', 'setting'],
  ]);
  const items = client.configurationRequests[0] ?? [];
  assert.deepEqual(
    items.map((i) => [i.section, i.scopeUri]),
    [
      ['shipshape', undefined],
      ['shipshape', fileUri(older)],
      ['shipshape', fileUri(newer)],
    ],
  );
});

test('a configuration change pulls every folder again and re-checks its files', async () => {
  const uri = fileUri(path.join(newer, 'vac.yaml'));
  const pulls = client.configurationRequests.length;
  client.folderSettings[fileUri(newer)] = { kubernetes: { version: '1.33' } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(codes(diagnostics), ['0 KubeApiNotServed', '6 KubeApiNotEnabled']);
  assert.ok(client.configurationRequests.length > pulls);
  // The other folder kept its own values.
  assert.deepEqual(codes(await client.waitForDiagnostics(fileUri(path.join(older, 'vac.yaml')))), ['0 KubeApiNotServed', '6 KubeApiNotEnabled']);
});
