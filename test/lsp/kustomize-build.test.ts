import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { KustomizeBuiltManifestResult } from '../../protocol';
// @ts-expect-error: a plain .mjs build script
import { buildEngine } from '../../scripts/engine.mjs';
import { fileUri, LspClient } from '../support/lsp-client';

// The editor's kustomize builds through the built server over stdio (run `npm run build` first), with the
// real engine (built from engines/ and cached): opening or editing a kustomization or a file it builds
// re-builds the roots that read it, and each finding of the built objects lands on the line to change (the
// patch's, the kustomization's transformer field, the base resource's), build errors on the entry they name.

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-kustomize-build-')));
const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-kustomize-outside-')));
const root = path.join(dir, 'tree');
let client: LspClient;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080
`;
const OVERLAY = `resources:
- ../base
namePrefix: prod-
replicas:
- name: web
  count: 3
patches:
- path: port.yaml
`;
const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        ports:
        - containerPort: 8443
`;

const files: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
  'base/deployment.yaml': DEPLOYMENT,
  'overlay/kustomization.yaml': OVERLAY,
  'overlay/port.yaml': PATCH,
  'overlay/stray.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nope\n',
};
const at = (name: string) => path.join(root, name);
const uriOf = (name: string) => fileUri(at(name));
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));
const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);
const has = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === code);
const TIMEOUT = 30_000;

before(async () => {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(at(name)), { recursive: true });
    fs.writeFileSync(at(name), text);
  }
  // A kustomization outside the workspace, reached through a symbolic link inside it.
  fs.writeFileSync(path.join(outside, 'kustomization.yaml'), 'resources:\n- secret.yaml\n');
  fs.writeFileSync(path.join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\n');
  fs.symlinkSync(outside, at('linked'));
  ({ client } = await LspClient.start({ rootPath: root, settings: { kubernetes: { version: '1.36' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } }));
  for (const deadline = Date.now() + 20_000; !client.notifications.some((n) => n.method === 'shipshape/status' && (n.params as { state: string }).state === 'ready'); ) {
    assert.ok(Date.now() < deadline, `the server was not ready; stderr: ${client.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

test('a value a patch sets is checked in the built object and reported on the patch line, live as the patch is edited', async () => {
  const patch = uriOf('overlay/port.yaml');
  client.open(patch, 'yaml', PATCH);
  assert.deepEqual(await client.waitForDiagnostics(patch, (p) => p.version === 1, TIMEOUT), []);
  const broken = PATCH.replace('8443', '99999');
  client.change(patch, broken);
  const found = byCode(await client.waitForDiagnostics(patch, has('KubeInvalidPort'), TIMEOUT), 'KubeInvalidPort');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, lineOf(broken, '99999'));
  assert.match(String(found[0].message), /in Deployment prod-web, patched, built by kustomization\.yaml/);
  // The base resource, which has a valid port, is not blamed.
  assert.ok(!(client.current(uriOf('base/deployment.yaml')) ?? []).some((d) => d.code === 'KubeInvalidPort'));
  client.change(patch, PATCH);
  await client.waitForDiagnostics(patch, lacks('KubeInvalidPort'), TIMEOUT);
});

test("a value a transformer sets is reported on the kustomization's field that configures it", async () => {
  const uri = uriOf('overlay/kustomization.yaml');
  client.open(uri, 'yaml', OVERLAY);
  const text = OVERLAY.replace('count: 3', 'count: -2');
  client.change(uri, text);
  const found = byCode(await client.waitForDiagnostics(uri, has('KubeWorkloadSpec'), TIMEOUT), 'KubeWorkloadSpec');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, lineOf(text, 'replicas:'));
  assert.match(String(found[0].message), /set by replicas/);
  client.change(uri, OVERLAY);
  await client.waitForDiagnostics(uri, lacks('KubeWorkloadSpec'), TIMEOUT);
});

test('a build error is reported on the kustomization entry that names the failing file, and not beside its own check', async () => {
  const uri = uriOf('overlay/kustomization.yaml');
  // A patch whose target matches nothing: kustomize names the target, which the patch entry's file declares.
  const text = OVERLAY.replace('- path: port.yaml\n', '- path: port.yaml\n- path: stray.yaml\n');
  client.change(uri, text);
  const found = byCode(await client.waitForDiagnostics(uri, has('KustomizeBuild'), TIMEOUT), 'KustomizeBuild');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.line, lineOf(text, 'stray.yaml'));
  assert.match(String(found[0].message), /no resource matches strategic merge patch/);
  // A missing file: the kustomization's own check says so; the build's error on the same entry is not repeated.
  const missing = OVERLAY.replace('- ../base\n', '- ../base\n- missing.yaml\n');
  client.change(uri, missing);
  const diagnostics = await client.waitForDiagnostics(uri, has('KustomizePathNotFound'), TIMEOUT);
  assert.deepEqual(
    diagnostics.filter((d) => d.range.start.line === lineOf(missing, 'missing.yaml')).map((d) => d.code),
    ['KustomizePathNotFound'],
  );
  client.change(uri, OVERLAY);
  await client.waitForDiagnostics(uri, (p) => lacks('KustomizeBuild')(p) && lacks('KustomizePathNotFound')(p), TIMEOUT);
});

test('a base resource gets the findings of the overlay that builds it once, not again beside its own check', async () => {
  const uri = uriOf('base/deployment.yaml');
  client.open(uri, 'yaml', DEPLOYMENT);
  await client.waitForDiagnostics(uri, (p) => p.version === 1, TIMEOUT);
  const text = DEPLOYMENT.replace('containerPort: 8080', 'containerPort: 8080\n          protocol: TCPX');
  client.change(uri, text);
  const found = byCode(await client.waitForDiagnostics(uri, (p) => p.version === 2 && p.diagnostics.length > 0, TIMEOUT), 'KubeInvalidValue');
  const onLine = found.filter((d) => d.range.start.line === lineOf(text, 'TCPX'));
  assert.equal(onLine.length, 1, JSON.stringify(found));
  client.change(uri, DEPLOYMENT);
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, TIMEOUT);
});

test('a kustomization that reaches out of the workspace through a symbolic link is refused by the engine, not read', async () => {
  const uri = uriOf('overlay/kustomization.yaml');
  const text = OVERLAY.replace('- ../base\n', '- ../base\n- ../linked\n');
  client.change(uri, text);
  const found = byCode(await client.waitForDiagnostics(uri, has('KustomizeBuild'), TIMEOUT), 'KustomizeBuild');
  assert.equal(found.length, 1);
  assert.match(String(found[0].message), /outside the workspace/);
  assert.equal(found[0].range.start.line, lineOf(text, '../linked'));
  const built = await client.request<KustomizeBuiltManifestResult>('shipshape/kustomize/builtManifest', { uri });
  assert.doesNotMatch(built.yaml, /stolen/);
  client.change(uri, OVERLAY);
  await client.waitForDiagnostics(uri, lacks('KustomizeBuild'), TIMEOUT);
});

test('a FIFO or a file past the size cap that a kustomization lists is refused by the engine with a clear error, not read', async () => {
  execFileSync('mkfifo', [at('overlay/pipe.yaml')]);
  // Sparse: past the cap without writing it.
  fs.writeFileSync(at('overlay/huge.yaml'), '');
  fs.truncateSync(at('overlay/huge.yaml'), 64 << 20);
  const uri = uriOf('overlay/kustomization.yaml');
  for (const [name, why] of [
    ['pipe.yaml', /not a regular file/],
    ['huge.yaml', /over the \d+ bytes Shipshape reads/],
  ] as const) {
    const text = OVERLAY.replace('- ../base\n', `- ../base\n- ${name}\n`);
    client.change(uri, text);
    const found = byCode(await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'KustomizeBuild' && why.test(String(d.message))), TIMEOUT), 'KustomizeBuild');
    assert.equal(found.length, 1, name);
    assert.equal(found[0].range.start.line, lineOf(text, name));
  }
  client.change(uri, OVERLAY);
  await client.waitForDiagnostics(uri, lacks('KustomizeBuild'), TIMEOUT);
  assert.ok(client.alive);
  fs.rmSync(at('overlay/pipe.yaml'));
  fs.rmSync(at('overlay/huge.yaml'));
});

test('Show Built Manifest: what `kustomize build` prints for the kustomization of a file, with the unsaved text', async () => {
  const patch = uriOf('overlay/port.yaml');
  client.change(patch, PATCH.replace('8443', '9443'));
  const built = await client.request<KustomizeBuiltManifestResult>('shipshape/kustomize/builtManifest', { uri: patch });
  assert.equal(built.kustomization, uriOf('overlay/kustomization.yaml'));
  assert.match(built.yaml, /^# kustomize build /);
  assert.match(built.yaml, /name: prod-web\n/);
  assert.match(built.yaml, /containerPort: 9443/);
  assert.match(built.yaml, /replicas: 3/);
  // The validation's annotations are not in what the user sees.
  assert.doesNotMatch(built.yaml, /config\.kubernetes\.io\/origin|transformations/);
  const none = await client.request<KustomizeBuiltManifestResult>('shipshape/kustomize/builtManifest', { uri: fileUri(path.join(dir, 'elsewhere.yaml')) });
  assert.equal(none.kustomization, null);
  client.change(patch, PATCH);
});
