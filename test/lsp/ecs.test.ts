import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, REPO } from '../support/lsp-client';

// ECS task definitions through the built server over stdio (run `npm run build` first): diagnostics, hover and
// symbols on a JSON document, and hostile input (200 containers, duplicate keys, invalid UTF-8, not JSON)
// answered with clear findings while the server stays up.

const FIXTURE = path.join(REPO, 'test/fixtures/ecs/valid/web-fargate-task-definition.json');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-ecs-')));
let client: LspClient;
const TIMEOUT = 20_000;
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);

before(async () => {
  ({ client } = await LspClient.start({ rootPath: dir }));
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a task definition gets diagnostics on the edited line, hover from the model, and symbols', async () => {
  const uri = fileUri(path.join(dir, 'web-task-definition.json'));
  const text = fs.readFileSync(FIXTURE, 'utf8');
  client.open(uri, 'json', text);
  assert.deepEqual(await client.waitForDiagnostics(uri, () => true, TIMEOUT), []);
  client.change(uri, text.replace('"networkMode": "awsvpc"', '"networkMode": "bridge"'));
  assert.deepEqual(codes(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, TIMEOUT)), ['5:EcsFargateNetworkMode']);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 4 } });
  assert.match((hover.contents as { value: string }).value, /\*\*cpu\*\*/);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols[0].children?.map((s) => s.name),
    ['app', 'migrate', 'uploads'],
  );
});

test('other JSON is not ours: no diagnostics for package.json', async () => {
  const uri = fileUri(path.join(dir, 'package.json'));
  client.open(uri, 'json', '{"name": "x", "name": "y"}');
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.equal(hover, null);
  assert.equal(client.current(uri)?.length ?? 0, 0);
});

test('hostile input: clear findings, and the server still answers', async () => {
  const containers = Array.from({ length: 200 }, (_, i) => `    {"name": "c${i}", "image": "x:${i}", "memory": 64, "essential": ${i === 0}, "links": ["c${(i + 1) % 200}"]}`).join(',\n');
  const big = fileUri(path.join(dir, 'big-task-definition.json'));
  client.open(big, 'json', `{\n  "family": "big",\n  "containerDefinitions": [\n${containers}\n  ],\n  "family": "again"\n}\n`);
  assert.deepEqual(codes(await client.waitForDiagnostics(big, (p) => p.diagnostics.length > 0, TIMEOUT)), ['205:JsonDuplicateKey']);

  const utf8 = fileUri(path.join(dir, 'latin1-task-definition.json'));
  client.open(utf8, 'json', Buffer.from('{"family": "caf\xe9", "containerDefinitions": [{"name": "a", "image": "x", "memory": 64}]}', 'latin1').toString('utf8'));
  assert.deepEqual(codes(await client.waitForDiagnostics(utf8, (p) => p.diagnostics.length > 0, TIMEOUT)), ['1:JsonReplacementCharacter']);

  const yaml = fileUri(path.join(dir, 'taskdef.json'));
  client.open(yaml, 'json', 'family: web\ncontainerDefinitions: []\n');
  const syntax = await client.waitForDiagnostics(yaml, (p) => p.diagnostics.length > 0, TIMEOUT);
  assert.deepEqual(codes(syntax), ['1:JsonSyntax']);

  // Still up: the first document is served as before.
  const uri = fileUri(path.join(dir, 'web-task-definition.json'));
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols[0].name, 'web');
});
