import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, DocumentLink, DocumentSymbol, Hover, Location, MarkupContent, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { fileUri, LspClient } from '../support/lsp-client';

// The Compose language service through the real server over stdio, as any LSP client drives it.
let client: LspClient;
// In the server's environment (it inherits ours), as a GITHUB_TOKEN is in an editor started from a shell.
const ENV_SECRET = 'ghp_shipshapeTestSecret0123456789';
process.env.SHIPSHAPE_TEST_GITHUB_TOKEN = ENV_SECRET;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-compose-lsp-'));

const MAIN = `services:
  web:
    image: nginx
    build: ./web
    env_file: app.env
    depends_on:
      - database
    volumes:
      - data:/data
    networks:
      - front
  database:
    image: postgres
    networks:
      - front
volumes:
  data: {}
networks:
  front: {}
secrets:
  token:
    file: ./token.txt
`;

before(async () => {
  fs.mkdirSync(path.join(dir, 'web'));
  fs.writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM nginx\n');
  fs.writeFileSync(path.join(dir, 'app.env'), 'A=1\n');
  fs.writeFileSync(path.join(dir, 'token.txt'), 'secret\n');
  fs.writeFileSync(path.join(dir, 'compose.yaml'), MAIN);
  const started = await LspClient.start({ rootPath: dir });
  client = started.client;
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pos = (line: number, character: number) => ({ line, character });
const lines = (text: string) => text.split('\n');

function openFile(name: string, text: string): string {
  const uri = fileUri(path.join(dir, name));
  client.open(uri, 'dockercompose', text);
  return uri;
}

test('diagnostics: schema, references and values with exact ranges', async () => {
  const uri = openFile('bad/compose.yaml', 'services:\n  web:\n    image: nginx\n    imagee: x\n    depends_on: [dbb]\n    ports: ["80:80/tcpx"]\n  db:\n    image: postgres\n');
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length >= 3);
  const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d.range]));
  assert.deepEqual(byCode.ComposeSchema, { start: pos(3, 4), end: pos(3, 10) });
  assert.deepEqual(byCode.UndefinedService, { start: pos(4, 17), end: pos(4, 20) });
  assert.deepEqual(byCode.InvalidPort, { start: pos(5, 12), end: pos(5, 24) });
  assert.ok(diagnostics.every((d) => d.source === 'shipshape'));
});

test('an edit re-validates: fixing the misspelt service clears the error', async () => {
  const uri = openFile('edit/compose.yaml', 'services:\n  web:\n    image: nginx\n    depends_on: [dbb]\n  db:\n    image: postgres\n');
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'UndefinedService'));
  const version = client.change(uri, 'db', { start: pos(3, 17), end: pos(3, 20) });
  const fixed = await client.waitForDiagnostics(uri, (p) => p.version === version);
  assert.deepEqual(fixed, []);
});

test('completion: schema keys under a service, depends_on names, condition values', async () => {
  const text = 'services:\n  web:\n    image: nginx\n    rest\n    depends_on:\n      - \n  db:\n    image: postgres\n  cache:\n    image: redis\n    depends_on:\n      db:\n        condition: \n';
  const uri = openFile('complete/compose.yaml', text);
  const keys = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: pos(3, 8) });
  const keyLabels = (Array.isArray(keys) ? keys : keys.items).map((i) => i.label);
  assert.ok(keyLabels.includes('restart'), keyLabels.join(','));
  assert.ok(keyLabels.includes('healthcheck'));
  assert.ok(!keyLabels.includes('image'), 'keys already present are not offered');
  const names = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(5, 8) });
  assert.deepEqual(names.map((i) => i.label).sort(), ['cache', 'db']);
  const conditions = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(12, 19) });
  assert.deepEqual(conditions.map((i) => i.label).sort(), ['service_completed_successfully', 'service_healthy', 'service_started']);
});

test('completion: networks, secrets (long syntax source) and volumes declared in the project', async () => {
  const text = 'services:\n  web:\n    image: nginx\n    networks:\n      - \n    secrets:\n      - source: \n    volumes:\n      - \nnetworks:\n  front: {}\n  back: {}\nsecrets:\n  token:\n    file: ./t\nvolumes:\n  data: {}\n';
  const uri = openFile('complete2/compose.yaml', text);
  const labels = async (line: number, character: number) => (await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(line, character) })).map((i) => i.label).sort();
  assert.deepEqual(await labels(4, 8), ['back', 'front']);
  assert.deepEqual(await labels(6, 16), ['token']);
  assert.deepEqual(await labels(8, 8), ['data:']);
});

test('hover: schema documentation of a key', async () => {
  const uri = openFile('hover/compose.yaml', 'services:\n  web:\n    image: nginx\n    restart: always\n');
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(3, 6) });
  assert.match((hover.contents as MarkupContent).value, /Restart policy/);
  assert.deepEqual(hover.range, { start: pos(3, 4), end: pos(3, 11) });
});

test('hover on a variable: its value and where it comes from (.env)', async () => {
  fs.mkdirSync(path.join(dir, 'vars'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'vars', '.env'), 'TAG=1.27\n');
  const uri = openFile('vars/compose.yaml', 'services:\n  web:\n    image: nginx:${TAG}\n    command: echo ${SHIPSHAPE_TEST_NOT_SET:-x}\n');
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(2, 20) });
  assert.match((hover.contents as MarkupContent).value, /`TAG`\*\* = `"1.27"` — from `.*vars\/\.env`/);
  assert.deepEqual(hover.range, { start: pos(2, 17), end: pos(2, 23) });
  const unset = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(3, 22) });
  assert.match((unset.contents as MarkupContent).value, /is not set .*the default applies/);
});

test('definition, references and rename of services, volumes and networks', async () => {
  const uri = fileUri(path.join(dir, 'compose.yaml'));
  client.open(uri, 'dockercompose', MAIN);
  const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(6, 10) });
  assert.deepEqual(definition, [{ uri, range: { start: pos(11, 2), end: pos(11, 10) } }]);
  const volume = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(8, 9) });
  assert.deepEqual(volume, [{ uri, range: { start: pos(16, 2), end: pos(16, 6) } }]);
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: pos(18, 3), context: { includeDeclaration: true } });
  assert.deepEqual(
    refs.map((r) => r.range.start.line).sort((a, b) => a - b),
    [10, 14, 18],
  );
  const prepared = await client.request<Range>('textDocument/prepareRename', { textDocument: { uri }, position: pos(16, 3) });
  assert.deepEqual(prepared, { start: pos(16, 2), end: pos(16, 6) });
  const rename = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(11, 4), newName: 'db' });
  const edits = rename.changes![uri];
  assert.deepEqual(
    edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]).sort(),
    [
      [11, 2, 10, 'db'],
      [6, 8, 16, 'db'],
    ].sort(),
  );
});

test('document links: build context to its Dockerfile, env_file, secret file', async () => {
  const uri = fileUri(path.join(dir, 'compose.yaml'));
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  const targets = links.map((l) => [l.range.start.line, path.basename(new URL(l.target!).pathname)]);
  assert.deepEqual(targets, [
    [3, 'Dockerfile'],
    [4, 'app.env'],
    [21, 'token.txt'],
  ]);
});

test('document symbols: services as the outline', async () => {
  const uri = fileUri(path.join(dir, 'compose.yaml'));
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['services', 'volumes', 'networks', 'secrets'],
  );
  assert.deepEqual(
    symbols[0].children!.map((s) => [s.name, s.detail]),
    [
      ['web', 'nginx'],
      ['database', 'postgres'],
    ],
  );
});

test('formatting re-indents and keeps comments', async () => {
  const text = '# the app\nservices:\n    web:   # front\n        image: nginx\n        ports:\n        - "80:80"   # http\n';
  const uri = openFile('format/compose.yaml', text);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, '# the app\nservices:\n  web: # front\n    image: nginx\n    ports:\n      - "80:80" # http\n');
});

test('quick fixes: declare a missing volume, correct a misspelt service', async () => {
  const text = 'services:\n  web:\n    image: nginx\n    depends_on: [databse]\n    volumes:\n      - cache:/cache\n  database:\n    image: postgres\nvolumes:\n  data: {}\n';
  const uri = openFile('fix/compose.yaml', text);
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length >= 2);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: pos(0, 0), end: pos(10, 0) }, context: { diagnostics } });
  const rename = actions.find((a) => a.title === 'Change to "database"');
  assert.deepEqual(rename?.edit?.changes?.[uri], [{ range: { start: pos(3, 17), end: pos(3, 24) }, newText: 'database' }]);
  const declare = actions.find((a) => a.title.startsWith('Declare volume "cache"'));
  const edit = declare!.edit!.changes![uri][0];
  const fixed = applyEdit(text, edit);
  assert.equal(fixed.split('\n').slice(8).join('\n'), 'volumes:\n  data: {}\n  cache: {}\n');
});

test('quick fix: add an unset variable to .env (created when missing)', async () => {
  const uri = openFile('dotenv/compose.yaml', 'services:\n  web:\n    image: nginx:${SHIPSHAPE_TEST_TAG}\n');
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'UndefinedVariable'));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
  const add = actions.find((a) => a.title === 'Add SHIPSHAPE_TEST_TAG= to .env');
  const escape = actions.find((a) => a.title.startsWith('Escape as $$'));
  assert.deepEqual(escape?.edit?.changes?.[uri], [{ range: { start: pos(2, 17), end: pos(2, 38) }, newText: '$${SHIPSHAPE_TEST_TAG}' }]);
  assert.deepEqual(add?.edit?.documentChanges, [
    { kind: 'create', uri: fileUri(path.join(dir, 'dotenv', '.env')), options: { ignoreIfExists: true } },
    { textDocument: { uri: fileUri(path.join(dir, 'dotenv', '.env')), version: null }, edits: [{ range: { start: pos(0, 0), end: pos(0, 0) }, newText: 'SHIPSHAPE_TEST_TAG=\n' }] },
  ]);
});

test('multi-file: the override file is merged before reference checks', async () => {
  const base = path.join(dir, 'multi');
  fs.mkdirSync(base, { recursive: true });
  fs.writeFileSync(path.join(base, 'compose.override.yaml'), 'volumes:\n  cache: {}\n');
  const uri = openFile('multi/compose.yaml', 'services:\n  web:\n    image: nginx\n    volumes:\n      - cache:/cache\n      - other:/other\n');
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line]),
    [['UndefinedVolume', 5]],
  );
});

test('editing the override file re-validates the main file', async () => {
  const main = openFile('pair/compose.yaml', 'services:\n  web:\n    image: nginx\n    networks: [front]\n');
  await client.waitForDiagnostics(main, (p) => p.diagnostics.some((d) => d.code === 'UndefinedNetwork'));
  const override = openFile('pair/compose.override.yaml', 'networks:\n  back: {}\n');
  await client.waitForDiagnostics(override);
  client.change(override, 'front', { start: pos(1, 2), end: pos(1, 6) });
  const after = await client.waitForDiagnostics(main, (p) => !p.diagnostics.some((d) => d.code === 'UndefinedNetwork'));
  assert.deepEqual(after, []);
});

test('effective configuration request: override merged, files listed; hover shows the merged value and its origin', async () => {
  const base = path.join(dir, 'effective');
  fs.mkdirSync(base, { recursive: true });
  fs.writeFileSync(path.join(base, 'compose.override.yaml'), 'services:\n  web:\n    environment:\n      MODE: dev\n');
  const uri = openFile('effective/compose.yaml', 'services:\n  web:\n    image: nginx\n    environment:\n      MODE: prod\n      KEEP: yes\n');
  const result = await client.request<{ files: string[]; source: string; yaml: string }>('shipshape/compose/effectiveConfig', { uri });
  assert.deepEqual(
    result.files.map((f) => path.basename(f)),
    ['compose.yaml', 'compose.override.yaml'],
  );
  assert.equal(result.source, 'default');
  assert.match(result.yaml, /^# Effective configuration/);
  assert.match(result.yaml, /services:\n  web:\n    image: nginx\n    environment:\n      MODE: dev\n      KEEP: yes\n/);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(4, 8) });
  const text = (hover.contents as MarkupContent).value;
  assert.match(text, /set in `compose.yaml`, `compose.override.yaml`/);
  assert.match(text, /dev/);
});

test('rename across the project: a volume declared in the override file, used in the main file', async () => {
  const base = path.join(dir, 'renames');
  fs.mkdirSync(base, { recursive: true });
  const overridePath = path.join(base, 'compose.override.yaml');
  fs.writeFileSync(overridePath, 'volumes:\n  cache: {}\n');
  const uri = openFile('renames/compose.yaml', 'services:\n  web:\n    image: nginx\n    volumes:\n      - cache:/cache\n');
  await client.waitForDiagnostics(uri);
  const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(4, 9) });
  assert.deepEqual(definition, [{ uri: fileUri(overridePath), range: { start: pos(1, 2), end: pos(1, 7) } }]);
  const rename = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(4, 9), newName: 'store' });
  assert.deepEqual(rename.changes, {
    [fileUri(overridePath)]: [{ range: { start: pos(1, 2), end: pos(1, 7) }, newText: 'store' }],
    [uri]: [{ range: { start: pos(4, 8), end: pos(4, 13) }, newText: 'store' }],
  });
});

test('completion of ${ offers .env variables', async () => {
  fs.mkdirSync(path.join(dir, 'varcomplete'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'varcomplete', '.env'), 'APP_TAG=2\nAPP_PORT=80\n');
  const uri = openFile('varcomplete/compose.yaml', 'services:\n  web:\n    image: nginx:${AP\n');
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(2, 22) });
  assert.deepEqual(
    items
      .map((i) => i.label)
      .filter((l) => l.startsWith('APP'))
      .sort(),
    ['APP_PORT', 'APP_TAG'],
  );
});

function applyEdit(text: string, edit: TextEdit): string {
  const offset = (p: { line: number; character: number }) =>
    lines(text)
      .slice(0, p.line)
      .reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

test("values from the editor's environment (a token) are never shown: not in hover, not in the effective configuration", async () => {
  const base = path.join(dir, 'env-secret');
  fs.mkdirSync(base, { recursive: true });
  fs.writeFileSync(path.join(base, '.env'), 'FROM_DOTENV=visible-value\n');
  const text = 'services:\n  web:\n    image: nginx\n    environment:\n      TOKEN: ${SHIPSHAPE_TEST_GITHUB_TOKEN}\n      AUTH: "Bearer ${SHIPSHAPE_TEST_GITHUB_TOKEN}"\n      MODE: ${FROM_DOTENV}\n';
  const uri = openFile('env-secret/compose.yaml', text);
  const result = await client.request<{ yaml: string }>('shipshape/compose/effectiveConfig', { uri });
  assert.ok(!result.yaml.includes(ENV_SECRET), result.yaml);
  assert.match(result.yaml, /TOKEN: \$\{SHIPSHAPE_TEST_GITHUB_TOKEN\} \(from the environment, hidden\)/);
  assert.match(result.yaml, /AUTH: Bearer \$\{SHIPSHAPE_TEST_GITHUB_TOKEN\} \(from the environment, hidden\)/);
  assert.match(result.yaml, /MODE: visible-value/, "the repository's own .env values stay visible");
  const line = lines(text).findIndex((l) => l.includes('TOKEN: $'));
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(line, lines(text)[line]!.indexOf('SHIPSHAPE') + 2) });
  const shown = (hover.contents as MarkupContent).value;
  assert.match(shown, /is set in the environment docker compose runs in \(value not shown\)/);
  assert.ok(!shown.includes(ENV_SECRET));
  const service = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(1, 3) });
  assert.ok(!JSON.stringify(service).includes(ENV_SECRET));
});
