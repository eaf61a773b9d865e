/**
 * The Dockerfile language service through the real server over stdio (`npm run build` first): diagnostics
 * with BuildKit's names, completion, hover, definition, references, rename, symbols, formatting, code
 * actions, links and semantic tokens on one multi-stage Dockerfile.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, Hover, Location, SemanticTokens, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from '../support/lsp-client';

let client: LspClient;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-dockerfile-'));
const uri = fileUri(path.join(dir, 'Dockerfile'));
const TEXT = [
  'ARG GO_VERSION=1.22', //            0
  'FROM golang:${GO_VERSION} as build', // 1
  'WORKDIR /src', //                   2
  'ENV CGO_ENABLED 0', //              3
  'COPY . .', //                       4
  'RUN go build -o /out/app ./cmd', // 5
  '', //                               6
  'FROM alpine:3.20', //               7
  'COPY --from=build /out/app /usr/local/bin/app', // 8
  'EXPOSE 8080/TCP', //                9
  'CMD app --serve', //                10
  '',
].join('\n');

before(async () => {
  client = (await LspClient.start({ rootPath: dir, settings: { dockerfile: { shellcheck: false } } })).client;
  client.open(uri, 'dockerfile', TEXT);
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

let diagnostics: Diagnostic[];

test('diagnostics: BuildKit checks by BuildKit name at the right place', async () => {
  diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const got = diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();
  assert.deepEqual(got, ['ExposeProtoCasing@9:7', 'FromAsCasing@1:26', 'JSONArgsRecommended@10:0', 'LegacyKeyValueFormat@3:0']);
  assert.ok(diagnostics.every((d) => d.source === 'shipshape' && d.severity === 2));
  // The code in the editor's hover is a link to the check's documentation: BuildKit's page for its checks.
  assert.equal(diagnostics.find((d) => d.code === 'FromAsCasing')?.codeDescription?.href, 'https://docs.docker.com/reference/build-checks/from-as-casing/');
});

test('a Shipshape rule links to its entry in docs/RULES.md', async () => {
  const other = fileUri(path.join(dir, 'app.dockerfile'));
  client.open(other, 'dockerfile', 'FROM alpine:3.20\nRUN cd /src && make\n');
  const found = await client.waitForDiagnostics(other, (p) => p.diagnostics.some((d) => d.code === 'RunCd'));
  assert.equal(found.find((d) => d.code === 'RunCd')?.codeDescription?.href, 'https://github.com/shipshape-dev/shipshape/blob/main/docs/RULES.md#runcd');
  const headings = fs.readFileSync(path.join(__dirname, '../../docs/RULES.md'), 'utf8');
  assert.match(headings, /^### RunCd$/m);
});

test('code action: the quick fix for FromAsCasing', async () => {
  const d = diagnostics.find((x) => x.code === 'FromAsCasing')!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.equal(actions.length, 1);
  assert.deepEqual(actions[0].edit!.changes![uri], [{ range: d.range, newText: 'AS' }]);
});

test('completion: stage names after --from=, variables in ${}, flags and their values, instructions', async () => {
  const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
  const at = (line: number, character: number) => client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  assert.deepEqual(labels(await at(8, 17)), ['build']);
  client.change(uri, TEXT + 'COPY --from=b');
  assert.deepEqual(labels(await at(11, 13)), ['build']);
  client.change(uri, TEXT + 'RUN echo ${G');
  assert.ok(!labels(await at(11, 12)).includes('GO_VERSION'), 'global ARG is not in scope in a stage without ARG GO_VERSION');
  client.change(uri, TEXT.replace('./cmd', './cmd ${C'));
  assert.deepEqual(labels(await at(5, 34)), ['CGO_ENABLED']);
  client.change(uri, TEXT + 'RUN --network=');
  assert.deepEqual(labels(await at(11, 14)), ['default', 'none', 'host']);
  client.change(uri, TEXT + 'COPY --');
  assert.ok(labels(await at(11, 7)).includes('--chmod'));
  client.change(uri, TEXT + 'HEALTH');
  assert.ok(labels(await at(11, 6)).some((l) => l.startsWith('HEALTHCHECK')));
  client.change(uri, TEXT);
});

test('hover: resolved ARG value, stage, instruction docs', async () => {
  const hover = (line: number, character: number) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  const value = (h: Hover | null) => {
    assert.ok(h, 'no hover');
    return (h.contents as { value: string }).value;
  };
  assert.match(value(await hover(1, 16)), /GO_VERSION.*ARG \(global\) on line 1[\s\S]*Value: `1.22`/);
  assert.match(value(await hover(8, 14)), /Stage\*\* `build` \(from `golang:\$\{GO_VERSION\}`\)/);
  assert.match(value(await hover(2, 2)), /working directory/i);
});

test('definition and references of a stage and of an ARG', async () => {
  const def = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 8, character: 14 } });
  assert.deepEqual(
    def.map((l) => l.range),
    [{ start: { line: 1, character: 29 }, end: { line: 1, character: 34 } }],
  );
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: 0, character: 6 }, context: { includeDeclaration: true } });
  assert.deepEqual(
    refs.map((l) => l.range.start),
    [
      { line: 0, character: 4 },
      { line: 1, character: 14 },
    ],
  );
});

test('rename a stage everywhere it is named', async () => {
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 1, character: 30 }, newName: 'builder' });
  const edits = edit.changes![uri];
  assert.deepEqual(
    edits.map((e) => `${e.range.start.line}:${e.range.start.character}=${e.newText}`),
    ['1:29=builder', '8:12=builder'],
  );
});

test('document symbols: stages as the outline', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['GO_VERSION', 'build', 'stage 1'],
  );
  assert.deepEqual(
    symbols[1].children!.map((c) => c.name),
    ['WORKDIR', 'CGO_ENABLED', 'COPY', 'RUN'],
  );
});

test('formatting, document links and semantic tokens', async () => {
  client.change(uri, TEXT.replace('WORKDIR /src', '   WORKDIR /src'));
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  assert.deepEqual(edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } }, newText: '' }]);
  client.change(uri, TEXT);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(
    links.map((l) => l.target),
    ['https://hub.docker.com/_/alpine'],
  );
  const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.ok(tokens.data.length >= 5 * 15, `tokens: ${tokens.data.length / 5}`);
  assert.deepEqual(tokens.data.slice(0, 5), [0, 0, 3, 0, 0]); // ARG keyword
});

test('ShellCheck findings arrive in a second publish, without delaying the first', { skip: !shellcheckInstalled() && process.env.CI !== 'true' && 'shellcheck is not installed (optional)' }, async () => {
  const { client: sc } = await LspClient.start({ rootPath: dir, settings: { dockerfile: { shellcheck: true } } });
  try {
    const scUri = fileUri(path.join(dir, 'sc', 'Dockerfile'));
    sc.open(scUri, 'dockerfile', 'FROM alpine:3.20\nRUN ls $LSP_SHELLCHECK_DIR/*\n');
    const first = await sc.waitForDiagnostics(scUri);
    assert.deepEqual(
      first.filter((d) => d.code === 'ShellCheck'),
      [],
      'the first publish does not wait for ShellCheck',
    );
    const second = await sc.waitForDiagnostics(scUri, (p) => p.diagnostics.some((d) => d.code === 'ShellCheck'));
    assert.deepEqual(
      second.filter((d) => d.code === 'ShellCheck').map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`),
      ['1:7 SC2086: Double quote to prevent globbing and word splitting.'],
    );
  } finally {
    await sc.stop();
  }
});

function shellcheckInstalled(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => fs.existsSync(path.join(d, 'shellcheck')));
}
