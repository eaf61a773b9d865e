import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
// @ts-expect-error: a plain .mjs build script
import { buildEngine } from '../../scripts/engine.mjs';
import { fileUri, LspClient, REPO } from '../support/lsp-client';

// Kustomize trees through the built server over stdio (run `npm run build` first), on a copy of the
// fixture tree shaped like argo-cd's: a base, and an overlay whose patches are partial objects.

const FIXTURE = path.join(REPO, 'test/fixtures/kustomize/patched');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-kustomize-')));
let client: LspClient;

before(async () => {
  fs.cpSync(FIXTURE, dir, { recursive: true });
  ({ client } = await LspClient.start({ rootPath: dir, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } }));
  // The index (which knows the kustomizations) is built before the first open file is checked against it.
  for (const deadline = Date.now() + 20_000; !client.notifications.some((n) => n.method === 'shipshape/status' && (n.params as { state: string }).state === 'ready'); ) {
    assert.ok(Date.now() < deadline, `the server was not ready; stderr: ${client.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();
const TIMEOUT = 20_000;

test('a strategic-merge patch a kustomization lists is not checked as a whole object', async () => {
  for (const name of ['web-replicas.yaml', 'worker-env.yaml']) {
    const file = path.join(dir, 'overlay', name);
    const uri = fileUri(file);
    client.open(uri, 'yaml', fs.readFileSync(file, 'utf8'));
    assert.deepEqual(codes(await client.waitForDiagnostics(uri, () => true, TIMEOUT)), [], name);
  }
});

test('a patch is still checked as YAML', async () => {
  const uri = fileUri(path.join(dir, 'overlay', 'web-service-port.yaml'));
  client.open(uri, 'yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  name: web\n');
  assert.deepEqual(codes(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, TIMEOUT)), ['YamlDuplicateKey']);
});

test('the same file, once the kustomization no longer lists it as a patch, is an object again', async () => {
  const kustomization = path.join(dir, 'overlay', 'kustomization.yaml');
  const kUri = fileUri(kustomization);
  const patch = fileUri(path.join(dir, 'overlay', 'web-replicas.yaml'));
  const text = fs.readFileSync(kustomization, 'utf8');
  client.open(kUri, 'yaml', text);
  client.change(kUri, text.replace('- path: web-replicas.yaml\n', ''));
  const diagnostics = await client.waitForDiagnostics(patch, (p) => p.diagnostics.length > 0, TIMEOUT);
  assert.deepEqual(codes(diagnostics), ['KubePodSpec', 'KubeRequiredField', 'KubeSelectorMismatch']);
  // Listed again: the findings go.
  client.change(kUri, text);
  assert.deepEqual(await client.waitForDiagnostics(patch, (p) => p.diagnostics.length === 0, TIMEOUT), []);
});

test('a kustomization gets its own checks, links and quick fixes over LSP', async () => {
  const uri = fileUri(path.join(dir, 'overlay', 'kustomization.yaml'));
  const text = fs.readFileSync(path.join(dir, 'overlay', 'kustomization.yaml'), 'utf8');
  client.change(uri, text.replace('- ../base\n', '- ../base\n- ../missing\n'));
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'KustomizePathNotFound'), TIMEOUT);
  assert.deepEqual(codes(diagnostics), ['KustomizeDeprecatedField', 'KustomizeDeprecatedField', 'KustomizePathNotFound']);
  const links = await client.request<{ target: string }[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.ok(links.some((link) => link.target === fileUri(path.join(dir, 'base', 'kustomization.yaml'))));
  const deprecated = diagnostics.filter((d) => d.code === 'KustomizeDeprecatedField');
  const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: deprecated[0].range, context: { diagnostics: deprecated } });
  assert.ok(actions.some((action) => action.title === "Rewrite 'patchesStrategicMerge' as 'kustomize edit fix' does"));
});
