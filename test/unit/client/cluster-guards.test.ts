// The cluster door's guards that need no cluster: refusals happen before any request is sent, so these
// run offline against a kubeconfig whose server nobody listens on.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { ChangeDoor, withPreconditions } from '../../../client/src/kubernetes/change/door';
import { ClusterConnection } from '../../../client/src/kubernetes/cluster/connection';
import { findExecutable, readJsonPath, refreshLegacyToken } from '../../../client/src/kubernetes/cluster/credentials';
import { isIndexUrl, customGroupVersions } from '../../../client/src/kubernetes/cluster/openapi';
import { buildUrl } from '../../../client/src/kubernetes/cluster/request';
import { pruneBelow } from '../../../client/src/kubernetes/explorer/model';
import { kubeconfigError, loadKubeconfigs } from '../../../client/src/kubernetes/cluster/kubeconfig';
import { escapeMarkdown } from '../../../client/src/escape-markdown';
import { apiBasePath, kindByName } from '../../../client/src/kubernetes/resources/kinds';
import { deleteChange, scaleChange } from '../../../client/src/kubernetes/actions/workload';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-guards-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function kubeconfig(user: Record<string, unknown> = { token: 't' }): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'c', server: 'https://127.0.0.1:9/base', skipTLSVerify: true }], users: [{ name: 'u', ...user }], contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }], currentContext: 'ctx' });
  return kc;
}
const DEPLOY = kindByName('Deployment')!;

test("the explorer's read-only connections refuse a write before sending it; dry runs and reads pass the check", async () => {
  const conn = new ClusterConnection('ctx', kubeconfig(), { allowPlugins: true }, false);
  await assert.rejects(conn.json('/api/v1/namespaces/x', { method: 'DELETE' }), /refused: cluster changes go through Shipshape's change door/);
  await assert.rejects(conn.stream('/api/v1/pods', { method: 'POST' }), /change door/);
  // Not refused by the door check (the request itself fails: nobody listens on port 9).
  await assert.rejects(conn.json('/api/v1/pods', { method: 'POST', query: { dryRun: 'All' }, timeoutMs: 2000 }), (e: Error) => !/change door/.test(e.message));
});

test('an untrusted workspace: no request at all, and the door refuses any change', async () => {
  const conn = new ClusterConnection('ctx', kubeconfig(), { allowPlugins: false, allowNetwork: false });
  await assert.rejects(conn.json('/version'), /does not contact clusters from an untrusted workspace/);
  const door = new ChangeDoor(() => conn, { trusted: () => false, protectedContexts: () => [] }, { preview: async () => assert.fail(), confirm: async () => assert.fail(), typeName: async () => assert.fail() });
  await assert.rejects(door.change({ context: 'ctx', verb: 'scale', target: 'x', confirm: true, mutations: [scaleChange({ kind: DEPLOY, namespace: 'n', name: 'web' }, 2)] }), /does not change cluster objects from an untrusted workspace/);
  const trusted = new ChangeDoor(() => conn, { trusted: () => true, protectedContexts: () => [] }, { preview: async () => undefined, confirm: async () => true, typeName: async () => undefined });
  await assert.rejects(trusted.change({ context: 'ctx', verb: 'apply', target: 'x', confirm: true, mutations: [{ ref: 'x', method: 'PATCH', path: '/x', query: { force: true } }] }), /never forces a server-side apply/);
});

test('delete and replace carry the uid (and the replace its resourceVersion); a recreated object is refused', () => {
  const live = { metadata: { name: 'web', uid: 'u-1', resourceVersion: '7' } };
  const del = withPreconditions(deleteChange({ kind: DEPLOY, namespace: 'n', name: 'web' }), live);
  assert.deepEqual((del.body as { preconditions: unknown }).preconditions, { uid: 'u-1' });
  assert.throws(() => withPreconditions(deleteChange({ kind: DEPLOY, namespace: 'n', name: 'web' }, { uid: 'u-0' }), live), /deleted and created again/);
  const put = withPreconditions({ ref: 'x', method: 'PUT', path: '/x', body: { metadata: { name: 'web', resourceVersion: '5' } } }, live);
  assert.deepEqual((put.body as { metadata: unknown }).metadata, { name: 'web', resourceVersion: '5', uid: 'u-1' });
  assert.throws(() => withPreconditions({ ref: 'x', method: 'PUT', path: '/x', body: { metadata: { name: 'web' } } }, live), /needs the resourceVersion/);
});

test("a manifest's apiVersion is checked before it becomes a request path", () => {
  assert.equal(apiBasePath('v1'), '/api/v1');
  assert.equal(apiBasePath('apps/v1'), '/apis/apps/v1');
  assert.equal(apiBasePath('stable.example.com/v1beta2'), '/apis/stable.example.com/v1beta2');
  for (const bad of ['../../api/v1', 'apps/v1?watch=1', 'apps/v1/../../x', '@evil.example/v1', 'apps//v1', 'Apps/v1', '', 'v1/x/y']) assert.throws(() => apiBasePath(bad), /is not an apiVersion/, bad);
});

test("/openapi/v3 index URLs are used only when they are this server's document for that key; request paths keep the origin", () => {
  assert.ok(isIndexUrl('/openapi/v3/apis/a.example/v1?hash=ABC123', 'apis/a.example/v1'));
  for (const url of [
    '@evil.example/openapi/v3/apis/a.example/v1',
    '//evil.example/openapi/v3/apis/a.example/v1',
    'https://evil.example/openapi/v3/apis/a.example/v1',
    '/openapi/v3/apis/other/v1?hash=1',
    '/openapi/v3/apis/a.example/v1?hash=1&x=@y',
  ]) {
    assert.ok(!isIndexUrl(url, 'apis/a.example/v1'), url);
  }
  const index = { paths: { 'apis/a.example/v1': { serverRelativeURL: '@evil.example:443/steal' }, 'apis/b.example/v1': { serverRelativeURL: '/openapi/v3/apis/b.example/v1?hash=F00' } } };
  assert.deepEqual(
    customGroupVersions(index, new Set()).map((e) => e.path),
    ['apis/b.example/v1'],
  );
  const kc = kubeconfig();
  assert.equal(buildUrl(kc, '/api/v1/pods', { limit: 5 }).href, 'https://127.0.0.1:9/base/api/v1/pods?limit=5');
  for (const p of ['@evil.example/x', '//evil.example/x', 'api/v1', '/api/../../x', '/api\\v1']) assert.throws(() => buildUrl(kc, p), /Refused API path/, p);
});

test('explorer nodes of deleted objects are forgotten (with their containers), the rest kept', () => {
  const nodes = new Map<string, unknown>([
    ['k', 1],
    ['k/ns/a', 1],
    ['k/ns/a/app', 1],
    ['k/ns/b', 1],
    ['k/ns/b/app', 1],
    ['k/more', 1],
    ['k2/ns/a', 1],
  ]);
  assert.equal(pruneBelow(nodes, 'k', [{ id: 'k/ns/a' }]), 3);
  assert.deepEqual([...nodes.keys()], ['k', 'k/ns/a', 'k/ns/a/app', 'k2/ns/a']);
});

test('programs are found only on absolute PATH entries (never ".", "" or a relative folder: the workspace)', () => {
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'docker'), '#!/bin/sh\necho ran > "$0.ran"\n', { mode: 0o755 });
  const cwd = process.cwd();
  process.chdir(bin);
  try {
    for (const p of ['.', '', 'bin', './', `:${'.'}:`]) assert.equal(findExecutable('docker', p, 'linux'), undefined, JSON.stringify(p));
    assert.equal(findExecutable('./docker', bin, 'linux'), undefined, 'a relative command path');
    assert.equal(findExecutable('docker', `.:${bin}`, 'linux'), path.join(bin, 'docker'));
  } finally {
    process.chdir(cwd);
  }
});

test('gcp/azure auth-provider tokens: never refreshed untrusted; refreshed by running cmd-path without a shell', async () => {
  const helper = path.join(tmp, 'token-helper');
  const marker = path.join(tmp, 'helper-args');
  fs.writeFileSync(helper, `#!/bin/sh\nprintf '%s\\n' "$@" > '${marker}'\necho '{"credential":{"access_token":"fresh-token","token_expiry":"2999-01-01T00:00:00Z"}}'\n`, { mode: 0o755 });
  const user = () => ({
    authProvider: {
      name: 'gcp',
      config: { 'cmd-path': helper, 'cmd-args': 'config config-helper; touch pwned', 'token-key': '{.credential.access_token}', 'expiry-key': '{.credential.token_expiry}', 'access-token': 'old', expiry: '2000-01-01T00:00:00Z' },
    },
  });
  await assert.rejects(refreshLegacyToken(kubeconfig(user()), { allowPlugins: false }), /does not run programs from a kubeconfig in an untrusted workspace/);
  assert.ok(!fs.existsSync(marker), 'nothing ran');
  const kc = kubeconfig(user());
  await refreshLegacyToken(kc, { allowPlugins: true, searchPath: '/usr/bin:/bin' });
  const config = (kc.getCurrentUser() as unknown as { authProvider: { config: Record<string, string> } }).authProvider.config;
  assert.equal(config['access-token'], 'fresh-token');
  assert.equal(config.expiry, '2999-01-01T00:00:00Z');
  // Split on whitespace, no shell: "; touch pwned" arrived as arguments, nothing was run by a shell.
  assert.deepEqual(fs.readFileSync(marker, 'utf8').trim().split('\n'), ['config', 'config-helper;', 'touch', 'pwned']);
  assert.ok(!fs.existsSync(path.join(process.cwd(), 'pwned')));
  assert.equal(readJsonPath({ a: { b: 1 } }, '{.a.b}'), 1);
  assert.equal(readJsonPath({ a: {} }, '{.a.constructor}'), undefined);
});

test('a kubeconfig that does not parse is reported without its lines (tokens, keys), with the position', () => {
  const file = path.join(tmp, 'broken-kubeconfig');
  const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkFCQyJ9.c2VjcmV0LXBheWxvYWQ';
  fs.writeFileSync(file, `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${token}\n    client-key-data: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t\n  bad: [unclosed\n`);
  const [source] = loadKubeconfigs([file]).sources;
  assert.match(source!.error!, /unexpected end of the stream within a flow collection \(line 8, column 1\)/);
  for (const leak of [token.slice(0, 12), 'LS0tLS1C', 'eyJhbGci']) assert.ok(!source!.error!.includes(leak), source!.error);
  assert.equal(kubeconfigError(new Error('bad token "abcdefghijklmnopqrstuvwxyz012345"\nmore')), 'bad token "••••"');
});

test('tooltips built from context names and server errors are literal Markdown', () => {
  assert.equal(escapeMarkdown('[click](command:workbench.action.terminal.new)'), '\\[click\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)');
  assert.equal(escapeMarkdown('$(alert) <img src=x> **b**'), '\\$\\(alert\\) \\<img src=x\\> \\*\\*b\\*\\*');
});
