/**
 * The hostile-workspace suite, LSP half (issue 13): the built server, started as an editor starts it (cwd in
 * the workspace, a careless PATH, the workspace untrusted), in a repository that carries fake programs that
 * record whether they ran, Compose files naming /dev/zero and a FIFO, symlinks out of the tree, a CRD with a
 * catastrophic pattern and each slow construct at 1 MB. Nothing runs, nothing outside is read, each
 * validation ends within its budget, the server stays up, and the diagnostics say why.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { WORKSPACE_TRUST_NOTIFICATION } from '../../protocol';
import { fileUri, LspClient } from '../support/lsp-client';
import { SECRET, hostilePath, hostileRepo } from '../support/hostile-repo';

const MB = 1024 * 1024;
/** The validation budget is 3 s; allow for a loaded machine, far below the 10 s that counts as a hang. */
const WITHIN_MS = 8000;
const repo = hostileRepo();
let client: LspClient;

before(async () => {
  repo.fifo('pipe.yaml');
  repo.symlink('zero.yaml', '/dev/zero');
  repo.symlink('leak.yaml', path.join(repo.outside, 'compose.yaml'));
  fs.writeFileSync(path.join(repo.outside, 'crd.yaml'), crd('outside.dev', 'Gadget'));
  repo.symlink('gadget-crd.yaml', path.join(repo.outside, 'crd.yaml'));
  repo.write('crd.yaml', crd('fuzz.dev', 'Widget'));
  repo.write('envq/.env', 'A="unclosed\n' + 'x\n'.repeat(MB / 2));
  repo.write('di/.dockerignore', '*a*a*a*a*a*a*a*a!\n');
  client = (
    await LspClient.start({
      rootPath: repo.root,
      cwd: repo.root,
      env: { ...process.env, PATH: hostilePath(repo.trustedBin) },
      initializationOptions: { trusted: false },
      settings: { dockerfile: { shellcheck: true } },
    })
  ).client;
  // Indexing done (it walked the FIFO, the /dev/zero link and the links out of the tree).
  const deadline = Date.now() + 20_000;
  while (!client.notifications.some((n) => n.method === 'shipshape/status' && (n.params as { state: string }).state === 'ready') && Date.now() < deadline) await sleep(50);
});

after(async () => {
  await client?.stop();
  repo.remove();
});

function crd(group: string, kind: string): string {
  return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: ${kind.toLowerCase()}s.${group} }\nspec:\n  group: ${group}\n  names: { kind: ${kind}, plural: ${kind.toLowerCase()}s }\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                name: { type: string, pattern: '^(a+)+$' }\n`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function diagnose(relative: string, languageId: string, text: string): Promise<{ diagnostics: Diagnostic[]; ms: number }> {
  const uri = fileUri(path.join(repo.root, relative));
  const started = Date.now();
  const waiting = client.waitForDiagnostics(uri, () => true, 15_000);
  client.open(uri, languageId, text);
  const diagnostics = await waiting;
  const ms = Date.now() - started;
  assert.ok(client.alive, 'the server is up');
  assert.ok(!JSON.stringify(diagnostics).includes(SECRET) && !JSON.stringify(diagnostics).includes(SECRET.toLowerCase()), 'nothing from outside the workspace');
  return { diagnostics, ms };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line} ${d.code}`);

test("untrusted: no ShellCheck runs, not even the one on the absolute PATH; granting trust runs that one, never the workspace's", async () => {
  const { diagnostics } = await diagnose('Dockerfile', 'dockerfile', 'FROM alpine:3.20\nRUN echo $HOSTILE_LSP\n');
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'ShellCheck'),
    [],
  );
  await sleep(1000);
  assert.deepEqual(repo.ran(), []);
  const uri = fileUri(path.join(repo.root, 'Dockerfile'));
  void client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
  const deadline = Date.now() + 10_000;
  while (!repo.ran().length && Date.now() < deadline) await sleep(50);
  assert.deepEqual(
    repo.ran().map((line) => line.split(' ')[0]),
    ['trusted-shellcheck'],
  );
  await client.waitForDiagnostics(uri, () => true);
  void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('Compose: include of /dev/zero, a FIFO, a /dev/zero link and a link out of the tree: refused where named, quickly', async () => {
  const { diagnostics, ms } = await diagnose('compose.yaml', 'dockercompose', 'include:\n  - /dev/zero\n  - pipe.yaml\n  - zero.yaml\n  - leak.yaml\nservices:\n  web:\n    image: nginx\n    env_file: [pipe.yaml]\n');
  assert.ok(ms < WITHIN_MS, `${ms} ms`);
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'FileNotRead').map((d) => `${d.range.start.line} ${String(d.message).replace(/ \(it resolves to .*?\)/, '')}`),
    [
      '1 include "/dev/zero" is a character device, not a regular file; it was not read.',
      '2 include "pipe.yaml" is a FIFO (named pipe), not a regular file; it was not read.',
      '3 include "zero.yaml" is a character device, not a regular file; it was not read.',
      '4 include "leak.yaml" is outside the workspace; add its folder to shipshape.files.readableFolders to allow it; it was not read.',
      '8 env_file "pipe.yaml" is a FIFO (named pipe), not a regular file; it was not read.',
    ],
  );
});

test('a CRD reached through a symlink out of the tree is not read; the one inside is, and its catastrophic pattern is matched by RE2', async () => {
  const gadget = await diagnose('gadget.yaml', 'yaml', 'apiVersion: outside.dev/v1\nkind: Gadget\nmetadata: { name: g }\nspec: { name: x }\n');
  assert.ok(
    gadget.diagnostics.some((d) => d.code === 'KubeUnknownKind'),
    JSON.stringify(gadget.diagnostics),
  );
  const widget = await diagnose('widget.yaml', 'yaml', `apiVersion: fuzz.dev/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  name: ${'a'.repeat(100_000)}b\n`);
  assert.ok(widget.ms < WITHIN_MS, `${widget.ms} ms`);
  assert.deepEqual(codes(widget.diagnostics), ['4 KubeInvalidValue']);
});

test('each slow construct at 1 MB ends within the budget with its diagnostic', async () => {
  const cases: [string, string, string, (d: Diagnostic[]) => boolean][] = [
    [
      'q.yaml',
      'yaml',
      `apiVersion: v1\nkind: Pod\nmetadata: { name: q }\nspec:\n  containers:\n    - name: c\n      image: x\n      resources:\n        limits:\n          cpu: "${'1'.repeat(MB)}x"\n`,
      (d) => d.some((x) => /quantities must match/.test(String(x.message))),
    ],
    ['u.yaml', 'yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: u }\ndata:\n  a: 1${'_'.repeat(MB)}x\n`, (d) => !d.some((x) => x.code === 'InternalError')],
    ['envq/compose.yaml', 'dockercompose', 'services:\n  web:\n    image: nginx:${TAG}\n', (d) => !d.some((x) => x.code === 'InternalError' || x.code === 'ValidationBudget')],
    [
      'hc/compose.yaml',
      'dockercompose',
      `services:\n  web:\n    image: nginx\n    depends_on: { db: { condition: service_healthy } }\n  db:\n    build:\n      context: .\n      dockerfile_inline: ${JSON.stringify('FROM alpine\n' + '\n'.repeat(MB / 2.2) + 'HEALTHCHECK NONE\n')}\n`,
      (d) => d.some((x) => x.code === 'HealthcheckMissing'),
    ],
    ['di/Dockerfile', 'dockerfile', `FROM alpine\nCOPY ${'a'.repeat(5000)} /x\n`, (d) => !d.some((x) => x.code === 'CopyIgnoredFile')],
    ['Dockerfile.blank', 'dockerfile', 'FROM alpine\n' + '\n'.repeat(MB) + 'HEALTHCHECK CMD true\n', (d) => !d.some((x) => x.code === 'InternalError')],
  ];
  for (const [file, languageId, text, expected] of cases) {
    const { diagnostics, ms } = await diagnose(file, languageId, text);
    assert.ok(ms < WITHIN_MS, `${file}: ${ms} ms`);
    assert.ok(expected(diagnostics), `${file}: ${JSON.stringify(diagnostics.map((d) => [d.code, String(d.message).slice(0, 80)]))}`);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri(path.join(repo.root, file)) } });
  }
});

test('past the size cap every request answers at once, not only diagnostics', async () => {
  const text = 'services:\n' + Array.from({ length: (12 * MB) / 40 }, (_, i) => `  s${String(i).padStart(8, '0')}: { image: nginx:1.27 }\n`).join('');
  const { diagnostics } = await diagnose('big/compose.yaml', 'dockercompose', text);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['FileTooLarge'],
  );
  const textDocument = { uri: fileUri(path.join(repo.root, 'big/compose.yaml')) };
  const position = { line: 1000, character: 4 };
  for (const [method, params] of [
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/selectionRange', { textDocument, positions: [position] }],
  ] as const) {
    const started = Date.now();
    const answer = await client.request<unknown>(method, params);
    assert.ok(answer === null || (Array.isArray(answer) && answer.length === 0), `${method}: ${JSON.stringify(answer).slice(0, 80)}`);
    assert.ok(Date.now() - started < 2000, `${method}: ${Date.now() - started} ms`);
  }
});

test('a Kubernetes file nested 100k levels deep gets one clear diagnostic, not a stack overflow', async () => {
  const { diagnostics } = await diagnose('deep.yaml', 'yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: d }\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${String(d.message).slice(0, 40)}`),
    ['YamlSyntax YAML nested more than 500 levels deep he'],
  );
  assert.deepEqual(
    repo.ran().filter((line) => !line.startsWith('trusted-')),
    [],
    'no program from the workspace ever ran',
  );
});
