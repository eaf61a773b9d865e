// Workspace folders that arrive after initialize (a multi-root workspace VS Code resolves late, a folder the user
// adds): the server asks for the folders again, pulls the new folder's settings and checks its files with them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { fileUri, LspClient } from '../support/lsp-client';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-added-folder-'));
const first = path.join(root, 'first');
const added = path.join(root, 'added');
for (const dir of [first, added]) fs.mkdirSync(dir);
// storage.k8s.io/v1 VolumeAttributesClass is served from 1.34 on.
const MANIFEST = 'apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: csi.example.com\n';

let client: LspClient | undefined;
after(async () => {
  await client?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test("a folder added after initialize gets its own settings: its manifest is checked with the folder's version", async () => {
  ({ client } = await LspClient.start({ settings: { kubernetes: { version: '1.36' } }, folders: [{ path: first }] }));
  client.addFolder(added, { kubernetes: { version: '1.33' } });
  const file = path.join(added, 'classes.yaml');
  fs.writeFileSync(file, MANIFEST);
  const uri = fileUri(file);
  // The server pulls the added folder's settings (scopeUri) before the file's check can use them.
  for (const deadline = Date.now() + 10_000; !client.configurationRequests.some((items) => items.some((i) => i.scopeUri === fileUri(added))); ) {
    if (Date.now() > deadline) throw new Error(`the added folder's settings were never pulled; stderr: ${client.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  client.open(uri, 'yaml', MANIFEST);
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'KubeApiNotServed'));
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'KubeApiNotServed').map((d) => d.range.start.line),
    [0],
  );
});
