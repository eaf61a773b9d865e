/**
 * Folding and selection ranges through the built server over stdio (`npm run build` first): advertised in
 * the capabilities, answered for a Kubernetes manifest, a Compose file and a Dockerfile, and the client's
 * lineFoldingOnly honoured (VS Code sets it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { FoldingRange, InitializeResult, SelectionRange } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from '../support/lsp-client';
import { chain, folds } from '../unit/core/structure';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-folding-'));
const MANIFEST = [
  'apiVersion: v1', //         0
  'kind: ConfigMap', //        1
  'metadata:', //              2
  '  name: settings', //       3
  'data:', //                  4
  '  app.conf: |', //          5
  '    port=8080', //          6
  '    mode=prod', //          7
  '---', //                    8
  'apiVersion: v1', //         9
  'kind: Service', //          10
  'metadata:', //              11
  '  name: web', //            12
  'spec:', //                  13
  '  selector: {app: web,', // 14
  '    tier: front', //        15
  '  }', //                    16
  '',
].join('\n');
const COMPOSE = ['services:', '  web:', '    image: nginx', '    ports:', '      - "80:80"', ''].join('\n');
const DOCKERFILE = ['FROM alpine AS base', 'RUN apk add \\', '      curl', '', 'FROM base', 'COPY <<EOF /a', 'x', 'EOF', ''].join('\n');

const files = {
  kubernetes: { uri: fileUri(path.join(dir, 'app.yaml')), languageId: 'yaml', text: MANIFEST },
  compose: { uri: fileUri(path.join(dir, 'compose.yaml')), languageId: 'dockercompose', text: COMPOSE },
  dockerfile: { uri: fileUri(path.join(dir, 'Dockerfile')), languageId: 'dockerfile', text: DOCKERFILE },
  plainYaml: { uri: fileUri(path.join(dir, 'notes.yaml')), languageId: 'yaml', text: 'title: notes\nitems:\n  - one\n  - two\n' },
};

let vscodeLike: LspClient;
let plain: LspClient;
let capabilities: InitializeResult['capabilities'];

before(async () => {
  const started = await LspClient.start({ rootPath: dir, textDocument: { foldingRange: { lineFoldingOnly: true } } });
  vscodeLike = started.client;
  capabilities = started.result.capabilities;
  plain = (await LspClient.start({ rootPath: dir })).client;
  for (const client of [vscodeLike, plain]) {
    for (const f of Object.values(files)) client.open(f.uri, f.languageId, f.text);
    // Diagnostics for each file mean the server has it open and classified.
    for (const f of Object.values(files)) await client.waitForDiagnostics(f.uri);
  }
});
after(async () => {
  await Promise.all([vscodeLike.stop(), plain.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const foldingOf = (client: LspClient, uri: string) => client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
const selectionOf = (client: LspClient, uri: string, positions: { line: number; character: number }[]) => client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });

test('the server advertises folding and selection ranges', () => {
  assert.equal(capabilities.foldingRangeProvider, true);
  assert.equal(capabilities.selectionRangeProvider, true);
});

test('plain YAML (no provider for its kind) gets null, so the editor keeps its indentation folding', async () => {
  assert.equal(await foldingOf(vscodeLike, files.plainYaml.uri), null);
  assert.equal(await selectionOf(vscodeLike, files.plainYaml.uri, [{ line: 0, character: 2 }]), null);
});

test('Kubernetes: folds per document, key and block scalar; a closing bracket stays visible for line-only clients', async () => {
  assert.deepEqual(folds(await foldingOf(vscodeLike, files.kubernetes.uri)), ['2-3', '4-7', '5-7', '8-16', '11-12', '13-16', '14-15']);
  assert.deepEqual(folds(await foldingOf(plain, files.kubernetes.uri)), ['2-3', '4-7', '5-7', '8-16', '11-12', '13-16', '14-16@2']);
  // Two positions in one request, in file coordinates across the `---`.
  const [inScalar, inSecond] = await selectionOf(vscodeLike, files.kubernetes.uri, [
    { line: 6, character: 6 },
    { line: 15, character: 10 },
  ]);
  assert.deepEqual(chain(inScalar), ['6:4-6:8', '6:4-6:13', '6:4-7:13', '5:12-7:13', '5:2-7:13', '4:0-7:13', '0:0-7:13', '0:0-17:0']);
  assert.deepEqual(chain(inSecond), ['15:10-15:15', '15:4-15:15', '14:12-16:3', '14:2-16:3', '13:0-16:3', '9:0-16:3', '8:0-16:3', '0:0-17:0']);
});

test('Compose: folds services and keys; selection from a port to the file', async () => {
  assert.deepEqual(folds(await foldingOf(vscodeLike, files.compose.uri)), ['0-4', '1-4', '3-4']);
  const [range] = await selectionOf(vscodeLike, files.compose.uri, [{ line: 4, character: 10 }]);
  assert.deepEqual(chain(range), ['4:9-4:11', '4:8-4:15', '4:6-4:15', '3:4-4:15', '2:4-4:15', '1:2-4:15', '0:0-4:15', '0:0-5:0']);
});

test('Dockerfile: folds stages, continuations and heredocs; selection word → argument → instruction → stage → file', async () => {
  assert.deepEqual(folds(await foldingOf(vscodeLike, files.dockerfile.uri)), ['0-2', '1-2', '4-7', '5-6']);
  const [range] = await selectionOf(vscodeLike, files.dockerfile.uri, [{ line: 2, character: 8 }]);
  assert.deepEqual(chain(range), ['2:6-2:10', '1:4-2:10', '1:0-2:10', '0:0-2:10', '0:0-8:0']);
});
