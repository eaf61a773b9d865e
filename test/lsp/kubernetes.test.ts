import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from '../support/lsp-client';

// The Kubernetes language service through the built server over stdio (run `npm run build` first).
let client: LspClient;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-k8s-'));

before(async () => {
  ({ client } = await LspClient.start({ rootPath: dir, settings: { kubernetes: { version: '1.36' } } }));
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      restartPolicy: OnFailure
      containers:
      - name: web
        image: nginx
        imagePullPolicy: always
        ports:
        - containerPort: 70000
`;

test('API-server rules arrive as diagnostics on the line of the cause', async () => {
  const uri = fileUri(path.join(dir, 'web.yaml'));
  client.open(uri, 'yaml', DEPLOYMENT);
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length >= 3);
  const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d.range.start.line]));
  assert.equal(byCode.KubeRestartPolicy, 13);
  assert.equal(byCode.KubeInvalidValue, 17);
  assert.equal(byCode.KubeInvalidPort, 19);
  assert.ok(diagnostics.every((d) => d.source === 'shipshape'));
});

test('an edit in one document re-validates it and keeps the others', async () => {
  const uri = fileUri(path.join(dir, 'multi.yaml'));
  const second = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  n: 1\n';
  client.open(uri, 'yaml', `${DEPLOYMENT}---\n${second}`);
  const before = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'KubeInvalidType'));
  assert.equal(before.find((d) => d.code === 'KubeInvalidType')!.range.start.line, 26);
  client.change(uri, '"1"', { start: { line: 26, character: 5 }, end: { line: 26, character: 6 } });
  const afterEdit = await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'KubeInvalidType'));
  assert.ok(
    afterEdit.some((d) => d.code === 'KubeRestartPolicy'),
    'the first document still reports its problem',
  );
});

test('range edits at document seams give the diagnostics a fresh open of the same text gives', async () => {
  const uri = fileUri(path.join(dir, 'seams.yaml'));
  const cm = (name: string, key: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${key}: "x"\n`;
  let text = [cm('a', 'k'), cm('b', 'k'), DEPLOYMENT, cm('c', 'k')].join('---\n');
  client.open(uri, 'yaml', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const lines = () => text.split('\n');
  const edit = async (line: number, from: number, toLine: number, to: number, insert: string) => {
    const start = lines().slice(0, line).join('\n').length + (line ? 1 : 0) + from;
    const end = lines().slice(0, toLine).join('\n').length + (toLine ? 1 : 0) + to;
    text = text.slice(0, start) + insert + text.slice(end);
    const version = client.change(uri, insert, { start: { line, character: from }, end: { line: toLine, character: to } });
    return client.waitForDiagnostics(uri, (p) => p.version === version);
  };
  const fresh = async (name: string) => {
    const other = fileUri(path.join(dir, name));
    client.open(other, 'yaml', text);
    return client.waitForDiagnostics(other, (p) => p.version === 1);
  };
  const shape = (diagnostics: { code?: unknown; range: { start: { line: number } } }[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort();
  // The first separator goes: two ConfigMaps become one document with duplicate keys.
  const separator = lines().indexOf('---');
  const joined = await edit(separator, 0, separator + 1, 0, '');
  assert.ok(
    joined.some((d) => d.code === 'YamlDuplicateKey'),
    JSON.stringify(joined),
  );
  assert.deepEqual(shape(joined), shape(await fresh('seams-1.yaml')));
  // A separator comes back inside it, a line is added above the Deployment, and its port is fixed.
  await edit(separator, 0, separator, 0, '---\n');
  await edit(lines().indexOf('kind: Deployment'), 0, lines().indexOf('kind: Deployment'), 0, '# moved\n');
  const port = lines().findIndex((l) => l.includes('containerPort: 70000'));
  const fixed = await edit(port, 23, port, 28, '8080');
  assert.deepEqual(shape(fixed), shape(await fresh('seams-2.yaml')));
  assert.ok(!fixed.some((d) => d.code === 'KubeInvalidPort'));
});

test('a modeline picks the Kubernetes version: batch/v1beta1 CronJob is removed, Service names follow the version', async () => {
  const uri = fileUri(path.join(dir, 'old.yaml'));
  client.open(uri, 'yaml', '# shipshape: version=1.35\napiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n  - port: 80\n---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\n');
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length >= 2);
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['KubeInvalidName', 'KubeRemovedApi']);
});

test('completion, hover, symbols and a quick fix over LSP', async () => {
  const uri = fileUri(path.join(dir, 'web.yaml'));
  const completion = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 17, character: 26 } });
  const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
  assert.deepEqual(labels, ['Always', 'IfNotPresent', 'Never']);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 16, character: 9 } });
  assert.match((hover.contents as MarkupContent).value, /Container image name/);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['Deployment web'],
  );
  const diagnostics = await client.waitForDiagnostics(uri);
  const casing = diagnostics.find((d) => d.code === 'KubeInvalidValue')!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: casing.range, context: { diagnostics: [casing] } });
  assert.equal(actions[0].title, "Change to 'Always'");
  assert.equal(actions[0].edit!.changes![uri][0].newText, 'Always');
});

test('go to definition from a configMapRef to the ConfigMap in another file', async () => {
  const config = fileUri(path.join(dir, 'config.yaml'));
  client.open(config, 'yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
  await client.waitForDiagnostics(config);
  const pod = fileUri(path.join(dir, 'pod.yaml'));
  client.open(pod, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    envFrom:\n    - configMapRef:\n        name: settings\n    - secretRef:\n        name: nowhere\n');
  const diagnostics = await client.waitForDiagnostics(pod, (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line]),
    [['KubeMissingReference', 12]],
  );
  const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: pod }, position: { line: 10, character: 15 } });
  assert.deepEqual(
    locations.map((l) => [l.uri, l.range.start.line]),
    [[config, 3]],
  );
});

test('CRDs sent by the client (shipshape/clusterSchemas) validate custom resources', async () => {
  const { parse } = await import('yaml');
  const crd = parse(fs.readFileSync(path.join(__dirname, '../fixtures/kubernetes/crd/crd.yaml'), 'utf8'));
  const uri = fileUri(path.join(dir, 'widget.yaml'));
  const text = 'apiVersion: shipshape.example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 20\n';
  client.open(uri, 'yaml', text);
  const unknown = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    unknown.map((d) => d.code),
    ['KubeUnknownKind'],
  );
  await client.connection.sendNotification('shipshape/clusterSchemas', { context: 'test', serverVersion: 'v1.36.3', crds: [crd] });
  const known = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'KubeInvalidValue'));
  assert.deepEqual(
    known.map((d) => [d.code, d.range.start.line]),
    [['KubeInvalidValue', 5]],
  );
});
