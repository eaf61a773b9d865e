// The workspace pass through the built server over stdio: closed files' problems are published, what
// files.exclude and .gitignore leave out is not, and the pass follows deletions, the scope setting, editors
// closing, .gitignore edits and changes while it runs, without tripping over hostile entries.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { StatusParams, WorkspaceDiagnosticsStatus } from '../../protocol';
import { fileUri, LspClient } from '../support/lsp-client';

const BAD_CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';
const GOOD_CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n';
const BAD_DOCKERFILE = 'FROM alpine:3.20 as build\nRUN true\n';
const BAD_COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n';

const roots: string[] = [];
const clients: LspClient[] = [];
after(async () => {
  for (const client of clients) await client.stop();
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-pass-'));
  roots.push(root);
  for (const [relative, text] of Object.entries(files)) write(root, relative, text);
  return root;
}

function write(root: string, relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), text);
}

async function start(root: string, options: { settings?: unknown; exclude?: Record<string, boolean> } = {}): Promise<LspClient> {
  const { client } = await LspClient.start({ folders: [{ path: root, settings: options.settings }] });
  clients.push(client);
  if (options.exclude) client.sections[`${fileUri(root)} files.exclude`] = options.exclude;
  return client;
}

const statuses = (client: LspClient) => client.notifications.filter((n) => n.method === 'shipshape/status').map((n) => (n.params as StatusParams).workspaceDiagnostics);

/** Waits for a status whose workspaceDiagnostics passes `test`, after the first `skip` statuses. */
async function passStatus(client: LspClient, test: (s: WorkspaceDiagnosticsStatus) => boolean, skip = 0, ms = 20_000): Promise<WorkspaceDiagnosticsStatus> {
  for (const deadline = Date.now() + ms; ; ) {
    const found = statuses(client)
      .slice(skip)
      .find((s) => s && test(s));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such pass status within ${ms} ms: ${JSON.stringify(statuses(client).slice(-3))}; stderr: ${client.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The URIs (relative to root) with non-empty published diagnostics, and their codes. */
function problems(client: LspClient, root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const latest = new Map<string, Diagnostic[]>();
  for (const p of client.published) latest.set(p.uri, p.diagnostics);
  for (const [uri, diagnostics] of latest) {
    if (diagnostics.length) out[path.relative(root, new URL(uri).pathname)] = diagnostics.map((d) => String(d.code)).sort();
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const changed = (client: LspClient, changes: { path: string; type: 1 | 2 | 3 }[]) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: fileUri(c.path), type: c.type })) });

test('closed files are checked; files.exclude, nested .gitignore files and skipped folders are not', async () => {
  const root = workspace({
    Dockerfile: BAD_DOCKERFILE,
    'compose.yaml': BAD_COMPOSE,
    'k8s/cm.yaml': BAD_CONFIGMAP,
    'k8s/good.yaml': GOOD_CONFIGMAP,
    '.gitignore': 'build/\n*.local.yaml\n',
    'build/cm.yaml': BAD_CONFIGMAP,
    'k8s/cm.local.yaml': BAD_CONFIGMAP,
    'k8s/.gitignore': 'generated.yaml\n!keep.local.yaml\n',
    'k8s/generated.yaml': BAD_CONFIGMAP,
    'k8s/keep.local.yaml': BAD_CONFIGMAP,
    'vendor-charts/cm.yaml': BAD_CONFIGMAP,
    'node_modules/pkg/cm.yaml': BAD_CONFIGMAP,
    'notes.txt': BAD_CONFIGMAP,
  });
  const client = await start(root, { exclude: { 'vendor-charts': true, '**/.git': true } });
  const done = await passStatus(client, (s) => s.state === 'done');
  assert.deepEqual(problems(client, root), {
    Dockerfile: ['FromAsCasing'],
    'compose.yaml': ['UndefinedService'],
    'k8s/cm.yaml': ['KubeInvalidName'],
    'k8s/keep.local.yaml': ['KubeInvalidName'],
  });
  assert.deepEqual(done, { state: 'done', checked: 5, problems: 4, files: 4 });
  // Closed files' diagnostics carry no version (they are the file on disk, not an editor's).
  assert.ok(client.published.every((p) => p.version === undefined || p.version === null));
  // The server pulled files.exclude for the folder, apart from its own section.
  assert.ok(client.configurationRequests.some((items) => items.some((i) => i.section === 'files.exclude' && i.scopeUri === fileUri(root))));
});

test('a deleted file loses its diagnostics; a new one gets them; a closed editor gives way to the file on disk', async () => {
  const root = workspace({ 'a/cm.yaml': BAD_CONFIGMAP, 'b/cm.yaml': BAD_CONFIGMAP, 'c/Dockerfile': BAD_DOCKERFILE });
  const client = await start(root);
  await passStatus(client, (s) => s.state === 'done' && s.problems === 3);
  fs.rmSync(path.join(root, 'a/cm.yaml'));
  // A folder deleted at once comes as one event for the folder.
  fs.rmSync(path.join(root, 'c'), { recursive: true });
  write(root, 'd/cm.yaml', BAD_CONFIGMAP);
  await changed(client, [
    { path: path.join(root, 'a/cm.yaml'), type: 3 },
    { path: path.join(root, 'c'), type: 3 },
    { path: path.join(root, 'd/cm.yaml'), type: 1 },
  ]);
  await client.waitForDiagnostics(fileUri(path.join(root, 'd/cm.yaml')), (p) => p.diagnostics.length === 1);
  assert.deepEqual(problems(client, root), { 'b/cm.yaml': ['KubeInvalidName'], 'd/cm.yaml': ['KubeInvalidName'] });

  // Opened with a fix that is never saved: the editor's text rules; closed: the file on disk again.
  const uri = fileUri(path.join(root, 'b/cm.yaml'));
  client.open(uri, 'yaml', GOOD_CONFIGMAP);
  assert.deepEqual(await client.waitForDiagnostics(uri), []);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const onDisk = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    onDisk.map((d) => d.code),
    ['KubeInvalidName'],
  );
  await passStatus(client, (s) => s.problems === 2 && s.files === 2, statuses(client).length - 1);
});

test('scope openFiles clears closed files and keeps open ones; back to workspace checks them again', async () => {
  const root = workspace({ 'cm.yaml': BAD_CONFIGMAP, 'open.yaml': BAD_CONFIGMAP });
  const client = await start(root);
  await passStatus(client, (s) => s.state === 'done' && s.problems === 2);
  const open = fileUri(path.join(root, 'open.yaml'));
  client.open(open, 'yaml', BAD_CONFIGMAP);
  await client.waitForDiagnostics(open, (p) => p.version === 1);

  client.folderSettings[fileUri(root)] = { diagnostics: { scope: 'openFiles' } };
  let skip = statuses(client).length;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitForDiagnostics(fileUri(path.join(root, 'cm.yaml')), (p) => p.diagnostics.length === 0);
  assert.deepEqual(problems(client, root), { 'open.yaml': ['KubeInvalidName'] });
  assert.equal((await passStatus(client, (s) => s.state === 'off', skip)).problems, 1);

  // A file closed under openFiles is cleared at once, not taken over.
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: open } });
  await client.waitForDiagnostics(open, (p) => p.diagnostics.length === 0);

  client.folderSettings[fileUri(root)] = {};
  skip = statuses(client).length;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await passStatus(client, (s) => s.state === 'done' && s.problems === 2, skip);
  assert.deepEqual(problems(client, root), { 'cm.yaml': ['KubeInvalidName'], 'open.yaml': ['KubeInvalidName'] });
});

test('files.exclude and .gitignore changes clear what they now leave out', async () => {
  const root = workspace({ 'keep/cm.yaml': BAD_CONFIGMAP, 'gen/cm.yaml': BAD_CONFIGMAP, 'tmp/cm.yaml': BAD_CONFIGMAP });
  const client = await start(root);
  await passStatus(client, (s) => s.state === 'done' && s.problems === 3);
  client.sections[`${fileUri(root)} files.exclude`] = { gen: true };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitForDiagnostics(fileUri(path.join(root, 'gen/cm.yaml')), (p) => p.diagnostics.length === 0);
  write(root, '.gitignore', 'tmp/\n');
  await changed(client, [{ path: path.join(root, '.gitignore'), type: 1 }]);
  await client.waitForDiagnostics(fileUri(path.join(root, 'tmp/cm.yaml')), (p) => p.diagnostics.length === 0);
  assert.deepEqual(problems(client, root), { 'keep/cm.yaml': ['KubeInvalidName'] });
});

test("while the pass runs, an open file's edit is answered first and a changed file is checked again", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`apps/app-${String(i).padStart(3, '0')}/deploy.yaml`] = i % 100 === 0 ? BAD_CONFIGMAP : GOOD_CONFIGMAP;
  const root = workspace(files);
  const client = await start(root);
  const running = await passStatus(client, (s) => s.state === 'checking' && s.checked > 0);
  assert.ok(running.checked < 400);
  // An edit now: its diagnostics arrive while the pass still has files to check.
  const open = fileUri(path.join(root, 'editing.yaml'));
  client.open(open, 'yaml', GOOD_CONFIGMAP);
  const version = client.change(open, BAD_CONFIGMAP);
  await client.waitForDiagnostics(open, (p) => p.version === version && p.diagnostics.length === 1);
  const latest = statuses(client).at(-1);
  assert.equal(latest?.state, 'checking', `the edit waited for the whole pass: ${JSON.stringify(latest)}`);
  // A file the walk already passed changes on disk: checked again, not only at the next full pass.
  const early = path.join(root, 'apps/app-001/deploy.yaml');
  write(root, 'apps/app-001/deploy.yaml', BAD_CONFIGMAP);
  await changed(client, [{ path: early, type: 2 }]);
  await client.waitForDiagnostics(fileUri(early), (p) => p.diagnostics.length === 1);
  const done = await passStatus(client, (s) => s.state === 'done');
  assert.equal(done.checked, 400);
  // apps 000, 100, 200, 300, the changed 001, and the open editor.
  assert.equal(done.problems, 6);
});

test('FIFOs, devices, symlink loops, unreadable and huge files are skipped with a reason, and the pass ends', { skip: process.platform === 'win32' }, async () => {
  const root = workspace({ 'cm.yaml': BAD_CONFIGMAP, 'locked.yaml': BAD_CONFIGMAP });
  execFileSync('mkfifo', [path.join(root, 'Dockerfile')]);
  fs.symlinkSync('/dev/zero', path.join(root, 'zero.yaml'));
  fs.symlinkSync('loop-b.yaml', path.join(root, 'loop-a.yaml'));
  fs.symlinkSync('loop-a.yaml', path.join(root, 'loop-b.yaml'));
  fs.symlinkSync(root, path.join(root, 'self'));
  fs.mkdirSync(path.join(root, 'closed'));
  write(root, 'closed/cm.yaml', BAD_CONFIGMAP);
  fs.chmodSync(path.join(root, 'closed'), 0);
  fs.chmodSync(path.join(root, 'locked.yaml'), 0);
  fs.writeFileSync(path.join(root, 'huge.yaml'), `${BAD_CONFIGMAP}data:\n${'  k: v\n'.repeat(400_000)}`);
  const asRoot = process.getuid?.() === 0;
  try {
    const client = await start(root);
    const done = await passStatus(client, (s) => s.state === 'done');
    const log = client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message)
      .join('\n');
    assert.match(log, /skipped .*Dockerfile: is not a regular file/);
    assert.match(log, /skipped .*zero\.yaml: is a character device/);
    assert.match(log, /skipped .*loop-a\.yaml: is a symlink loop/);
    assert.match(log, /skipped .*huge\.yaml: is 2\.\d MB/);
    // root reads everything: the unreadable entries are only unreadable to other users.
    if (!asRoot) {
      assert.match(log, /skipped .*closed: could not be listed \(EACCES\)/);
      assert.match(log, /skipped .*locked\.yaml: could not be read \(EACCES\)/);
    }
    assert.deepEqual(Object.keys(problems(client, root)), asRoot ? ['closed/cm.yaml', 'cm.yaml', 'locked.yaml'] : ['cm.yaml']);
    assert.equal(done.state, 'done');
    assert.ok(client.alive);
  } finally {
    fs.chmodSync(path.join(root, 'closed'), 0o755);
  }
});
