import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient } from '../support/lsp-client';
import { SERVER_NODE_FLAGS } from '../../client/src/language/launch-flags';

// The standalone server over stdio, driven by a plain LSP client (as Neovim would), never VS Code.
let client: LspClient;
let capabilities: Record<string, unknown>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-'));

before(async () => {
  const started = await LspClient.start({ rootPath: dir, settings: { rules: { YamlWarning: 'off' } } });
  client = started.client;
  capabilities = started.result.capabilities as Record<string, unknown>;
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the launcher runs the server with the Node flags the extension uses', () => {
  const argv = fs.readFileSync(`/proc/${client.process.pid}/cmdline`, 'utf8').split('\0');
  for (const flag of SERVER_NODE_FLAGS) assert.ok(argv.includes(flag), `${flag} missing from ${argv.join(' ')}`);
});

test('initialize advertises incremental sync and the editing features', () => {
  assert.deepEqual((capabilities.textDocumentSync as { change: number }).change, 2);
  for (const feature of [
    'completionProvider',
    'hoverProvider',
    'definitionProvider',
    'referencesProvider',
    'renameProvider',
    'documentSymbolProvider',
    'documentFormattingProvider',
    'codeActionProvider',
    'documentLinkProvider',
    'semanticTokensProvider',
  ]) {
    assert.ok(capabilities[feature], feature);
  }
});

test('publishes YAML errors for a Kubernetes manifest with a stable code and source', async () => {
  const uri = fileUri(path.join(dir, 'app.yaml'));
  client.open(uri, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const duplicate = diagnostics.find((d) => d.code === 'YamlDuplicateKey');
  assert.ok(duplicate, JSON.stringify(diagnostics));
  assert.equal(duplicate.source, 'shipshape');
  assert.equal(duplicate.range.start.line, 4);
});

test('an incremental edit re-validates: fixing the file clears the diagnostic', async () => {
  const uri = fileUri(path.join(dir, 'compose.yaml'));
  client.open(uri, 'dockercompose', 'services:\n  web:\n    image: nginx\n  web:\n    image: redis\n');
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'YamlDuplicateKey'));
  const version = client.change(uri, 'db', { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
  const fixed = await client.waitForDiagnostics(uri, (p) => p.version === version);
  assert.deepEqual(
    fixed.filter((d) => d.code === 'YamlDuplicateKey'),
    [],
  );
});

test('shipshape-disable-next-line and rule settings apply to published diagnostics', async () => {
  const uri = fileUri(path.join(dir, 'suppressed.yaml'));
  client.open(uri, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  # shipshape-disable-next-line YamlDuplicateKey\n  name: b\n');
  const diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics, []);
});

test('binary content is reported once, clearly, not parsed', async () => {
  const uri = fileUri(path.join(dir, 'blob.yaml'));
  client.open(uri, 'yaml', 'apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002');
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['BinaryFile'],
  );
  assert.match(String(diagnostics[0].message), /binary data/);
});

test('status notification carries the active Kubernetes version', async () => {
  const deadline = Date.now() + 5000;
  while (!client.notifications.some((n) => n.method === 'shipshape/status') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const status = client.notifications.find((n) => n.method === 'shipshape/status')?.params as { kubernetesVersion: string; kubernetesVersionSource: string };
  assert.match(status.kubernetesVersion, /^1\.\d+$/);
  // `auto` with no cluster: the newest bundled version, said to be a fallback (the status bar marks it).
  assert.equal(status.kubernetesVersionSource, 'fallback');
});

test('status notification says when the Kubernetes version comes from the setting', async () => {
  const { client: pinned } = await LspClient.start({ rootPath: dir, settings: { kubernetes: { version: '1.34' } } });
  try {
    const deadline = Date.now() + 5000;
    while (!pinned.notifications.some((n) => n.method === 'shipshape/status') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const status = pinned.notifications.find((n) => n.method === 'shipshape/status')?.params as { kubernetesVersion: string; kubernetesVersionSource: string };
    assert.deepEqual([status.kubernetesVersion, status.kubernetesVersionSource], ['1.34', 'setting']);
  } finally {
    await pinned.stop();
  }
});
