// The cluster door against the real API server: kubeconfigs split over several files (KUBECONFIG
// colon list + extra files) merge like kubectl; client certificates, bearer tokens and an exec
// credential plugin all authenticate; a missing plugin is named; untrusted workspaces run no plugin.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { ClusterConnection } from '../../client/src/kubernetes/cluster/connection';
import { CredentialPluginError, describeKubeError } from '../../client/src/kubernetes/cluster/errors';
import { kubeconfigPaths, loadKubeconfigs } from '../../client/src/kubernetes/cluster/kubeconfig';
import { findExecutable, loginShellPath } from '../../client/src/kubernetes/cluster/credentials';
import { kubeSkip, liveTest, requireEnv } from './cluster-support';

interface RawConfig {
  clusters: { name: string; cluster: Record<string, string> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, string> }[];
}

function splitKubeconfig(dir: string): { clustersFile: string; usersFile: string; contextsFile: string; raw: RawConfig } {
  const raw = parse(fs.readFileSync(requireEnv('KUBECONFIG'), 'utf8')) as RawConfig;
  const write = (name: string, body: object) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, stringify({ apiVersion: 'v1', kind: 'Config', ...body }));
    return f;
  };
  return {
    raw,
    // Each file alone is useless: the merge is what makes contexts resolvable.
    clustersFile: write('clusters.yaml', { clusters: raw.clusters, 'current-context': 'shipshape-limited' }),
    usersFile: write('users.yaml', { users: raw.users }),
    contextsFile: write('contexts.yaml', { contexts: raw.contexts, 'current-context': 'ignored-because-later' }),
  };
}

liveTest('KUBECONFIG with several files (+ shipshape.kubeconfigs) merges, first definition wins, broken files are reported', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kc-'));
  try {
    const { clustersFile, usersFile, contextsFile, raw } = splitKubeconfig(dir);
    // A later file redefines a context with a wrong cluster: it must be ignored (kubectl semantics).
    const shadow = path.join(dir, 'shadow.yaml');
    fs.writeFileSync(shadow, stringify({ apiVersion: 'v1', kind: 'Config', contexts: [{ name: 'shipshape-admin', context: { cluster: 'nope', user: 'nope' } }] }));
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'clusters: [ {');
    const files = kubeconfigPaths({ env: { KUBECONFIG: [clustersFile, usersFile, '', contextsFile].join(':') }, extra: [shadow, broken, clustersFile], platform: 'linux' });
    assert.deepEqual(files, [clustersFile, usersFile, contextsFile, shadow, broken]);
    const loaded = loadKubeconfigs(files);
    assert.equal(loaded.config.getCurrentContext(), 'shipshape-limited', 'the first file that sets current-context decides');
    assert.deepEqual(
      loaded.config
        .getContexts()
        .map((c) => c.name)
        .sort(),
      raw.contexts.map((c) => c.name).sort(),
    );
    assert.equal(loaded.contextFile.get('shipshape-admin'), contextsFile);
    assert.ok(loaded.shadowed.some((s) => s.includes('shipshape-admin') && s.includes(shadow)));
    assert.ok(loaded.sources.find((s) => s.file === broken)?.error, 'the broken file is reported');

    // Both auth methods of the test cluster work through the merged config.
    const admin = ClusterConnection.forContext(loaded, 'shipshape-admin', { allowPlugins: false });
    assert.equal(admin.auth, 'client-certificate');
    const version = await admin.version();
    assert.equal(version.gitVersion, `v${requireEnv('SHIPSHAPE_TEST_KUBE_VERSION')}`);
    assert.match(version.minor, /^1\.\d+$/);
    const limited = ClusterConnection.forContext(loaded, 'shipshape-limited', { allowPlugins: false });
    assert.equal(limited.auth, 'token');
    assert.equal(limited.namespace, 'team-a');
    await limited.json('/api/v1/namespaces/team-a/pods');
    const denied = await limited.json('/api/v1/namespaces/default/pods').then(
      () => undefined,
      (e: unknown) => e,
    );
    const e = describeKubeError(denied);
    assert.equal(e.status, 403);
    assert.equal(e.reason, 'Forbidden');
    assert.match(e.message, /shipshape-limited.*cannot list resource "pods"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

liveTest('exec credential plugin: resolved on the login-shell PATH, missing plugin named, never run when untrusted', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-exec-'));
  try {
    const raw = parse(fs.readFileSync(requireEnv('KUBECONFIG'), 'utf8')) as RawConfig;
    const token = raw.users.find((u) => u.name === 'shipshape-limited')!.user.token as string;
    // A real plugin: prints an ExecCredential and records that it ran.
    const binDir = path.join(dir, 'bin');
    fs.mkdirSync(binDir);
    const ran = path.join(dir, 'ran');
    const plugin = path.join(binDir, 'shipshape-test-credential-plugin');
    fs.writeFileSync(plugin, `#!/bin/sh\necho "$PATH" > '${ran}'\necho "$KUBERNETES_EXEC_INFO" > '${ran}.info'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${token}"}}'\n`, {
      mode: 0o755,
    });
    const cluster = raw.clusters[0]!;
    const kubeconfig = (command: string) => {
      const f = path.join(dir, `${command}.yaml`);
      fs.writeFileSync(
        f,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [cluster],
          users: [{ name: 'plugin-user', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never', provideClusterInfo: true, installHint: 'Install it with: make plugin' } } }],
          contexts: [{ name: 'plugin', context: { cluster: cluster.name, user: 'plugin-user', namespace: 'team-a' } }],
          'current-context': 'plugin',
        }),
      );
      return loadKubeconfigs([f]);
    };
    // The plugin is not on this process's PATH, only on the "login shell" one.
    assert.equal(findExecutable('shipshape-test-credential-plugin', process.env.PATH ?? ''), undefined);
    const searchPath = `${binDir}:/usr/bin:/bin`;

    const untrusted = ClusterConnection.forContext(kubeconfig('shipshape-test-credential-plugin'), 'plugin', { allowPlugins: false, searchPath });
    assert.equal(untrusted.auth, 'exec-plugin');
    await assert.rejects(untrusted.json('/api/v1/namespaces/team-a/pods'), (err: unknown) => err instanceof CredentialPluginError && /untrusted workspace/.test(err.message));
    assert.ok(!fs.existsSync(ran), 'the plugin must not run in an untrusted workspace');

    const trusted = ClusterConnection.forContext(kubeconfig('shipshape-test-credential-plugin'), 'plugin', { allowPlugins: true, searchPath });
    const pods = await trusted.json<{ items: unknown[] }>('/api/v1/namespaces/team-a/pods');
    assert.ok(Array.isArray(pods.items));
    assert.equal(fs.readFileSync(ran, 'utf8').trim(), searchPath, 'the plugin gets the login-shell PATH');
    const info = JSON.parse(fs.readFileSync(`${ran}.info`, 'utf8')) as { kind: string; spec: { interactive: boolean; cluster?: { server: string } } };
    assert.equal(info.kind, 'ExecCredential');
    assert.equal(info.spec.interactive, false);
    assert.equal(info.spec.cluster?.server, cluster.cluster.server, 'provideClusterInfo: the plugin learns which cluster');
    // Authenticated as the limited user: 403 elsewhere.
    assert.equal(describeKubeError(await trusted.json('/api/v1/namespaces/default/pods').catch((e: unknown) => e)).status, 403);

    const missing = ClusterConnection.forContext(kubeconfig('gke-gcloud-auth-plugin-not-installed'), 'plugin', { allowPlugins: true, searchPath });
    await assert.rejects(missing.version(), (err: unknown) => {
      assert.ok(err instanceof CredentialPluginError);
      assert.match(err.message, /credential plugin "gke-gcloud-auth-plugin-not-installed" for user "plugin-user" was not found on your login-shell PATH/);
      assert.match(err.message, /Install it with: make plugin/);
      return true;
    });

    // The login shell's PATH is read from a real shell and includes this process's entries.
    const shellPath = await loginShellPath();
    for (const d of (process.env.PATH ?? '').split(':').filter(Boolean)) assert.ok(shellPath.split(':').includes(d));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

liveTest('an unreachable cluster is an error saying so, not a hang', { skip: kubeSkip, timeout: 30_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-down-'));
  try {
    const f = path.join(dir, 'down.yaml');
    fs.writeFileSync(
      f,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'down', cluster: { server: 'https://127.0.0.1:9' } }],
        users: [{ name: 'u', user: { token: 'x' } }],
        contexts: [{ name: 'down', context: { cluster: 'down', user: 'u' } }],
        'current-context': 'down',
      }),
    );
    const conn = ClusterConnection.forContext(loadKubeconfigs([f]), 'down', { allowPlugins: false });
    const err = await conn.version().catch((e: unknown) => e);
    const e = describeKubeError(err);
    assert.equal(e.reason, 'Unreachable');
    assert.match(e.message, /ECONNREFUSED/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
