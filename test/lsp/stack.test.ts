import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { fileUri, LspClient } from '../support/lsp-client';
import { extraLine, manyServicesStack } from '../support/stack-files';

// Stack files through the built server over stdio: recognised by name, modeline and shipshape.swarm.stackFiles,
// every stack fixture's findings on their cause lines, completion from the stack schema.
const FIXTURES = path.join(__dirname, '..', 'unit', 'compose', 'stack-fixtures');
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-stack-lsp-'));
let fixtures: LspClient;
let other: LspClient;

before(async () => {
  ({ client: fixtures } = await LspClient.start({ rootPath: FIXTURES }));
  ({ client: other } = await LspClient.start({ rootPath: dir, settings: { swarm: { stackFiles: ['deploy/*.yml'] } } }));
});
after(async () => {
  await fixtures.stop();
  await other.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every stack fixture: the server reports what expect.json says, on the cause line', async () => {
  for (const name of fs.readdirSync(FIXTURES).sort()) {
    const file = path.join(FIXTURES, name, 'docker-stack.yml');
    const uri = fileUri(file);
    fixtures.open(uri, 'yaml', fs.readFileSync(file, 'utf8'));
    const diagnostics = await fixtures.waitForDiagnostics(uri, () => true);
    const expected = (JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'expect.json'), 'utf8')) as { code: string; severity: string; range: string }[]).map((e) => `${e.range} ${e.code} ${e.severity}`).sort();
    const actual = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${SEVERITY[d.severity ?? 1]}`).sort();
    assert.deepEqual(actual, expected, name);
  }
});

const STACK_ONLY = 'services:\n  app:\n    image: busybox\n    mem_limit: 512m\n';

test('a file listed in shipshape.swarm.stackFiles or with the kind=stack modeline is a stack; compose.yaml is not', async () => {
  const codes = async (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const uri = fileUri(file);
    other.open(uri, name.endsWith('compose.yaml') ? 'dockercompose' : 'yaml', text);
    return (await other.waitForDiagnostics(uri, () => true)).map((d) => `${d.range.start.line} ${String(d.code)}`);
  };
  assert.deepEqual(await codes('deploy/prod.yml', STACK_ONLY), ['3 StackForbiddenKey']);
  assert.deepEqual(await codes('modeline/compose.yaml', `# shipshape: kind=stack\n${STACK_ONLY}`), ['4 StackForbiddenKey']);
  assert.deepEqual(await codes('plain/compose.yaml', STACK_ONLY), []);
  assert.deepEqual(await codes('elsewhere/prod.yml', STACK_ONLY), []);
});

test('completion in a stack: deploy.mode values', async () => {
  const text = 'services:\n  app:\n    image: busybox\n    deploy:\n      mode: \n';
  const uri = fileUri(path.join(dir, 'complete', 'docker-stack.yml'));
  other.open(uri, 'yaml', text);
  const result = await other.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 12 } });
  assert.deepEqual((Array.isArray(result) ? result : result.items).map((i) => i.label).sort(), ['global', 'global-job', 'replicated', 'replicated-job']);
});

test('a stack of 1,000 services: its three defects on their lines, the server answers after, an edit clears one', async () => {
  // a refused key, an ignored one, a port published twice: one each, far apart
  const extra = { 3: 'mem_limit: 512m', 500: 'restart: always', 999: 'ports: ["18082:80", "18082:81"]' };
  const text = manyServicesStack(1000, 'busybox:1', extra);
  const uri = fileUri(path.join(dir, 'big', 'docker-stack.yml'));
  other.open(uri, 'yaml', text);
  const shown = (d: { range: { start: { line: number } }; code?: unknown }[]) => d.map((x) => `${x.range.start.line} ${String(x.code)}`).sort();
  const expected = [`${extraLine(3, extra)} StackForbiddenKey`, `${extraLine(500, extra)} StackIgnoredKey`, `${extraLine(999, extra)} StackPublishedPort`];
  assert.deepEqual(shown(await other.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 30_000)), expected.sort());
  // still serving: hover on the last service's deploy key
  const hover = await other.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: extraLine(999, extra) - 2, character: 6 } });
  assert.match(JSON.stringify(hover?.contents ?? ''), /deploy/i);
  // the refused key removed: the other two stay, a line up
  other.change(uri, text.replace('    mem_limit: 512m\n', ''));
  const after = shown(await other.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2, 30_000));
  assert.deepEqual(after, [`${extraLine(500, extra) - 1} StackIgnoredKey`, `${extraLine(999, extra) - 1} StackPublishedPort`].sort());
});
