// Shared by test/live/cluster-*.test.ts: the real control plane from test/infra/kube (env from
// $SHIPSHAPE_RUN_DIR/env/kube.env), reached only through the extension's own cluster door.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext, type TestOptions } from 'node:test';
import { ChangeDoor, type ChangeResult, type Mutation } from '../../client/src/kubernetes/change/door';
import { ClusterConnection } from '../../client/src/kubernetes/cluster/connection';
import { loadKubeconfigs } from '../../client/src/kubernetes/cluster/kubeconfig';
import { kubernetesLanguageServer, type KubernetesLanguageServer } from '../../client/src/kubernetes/language-server';
import type { KubeList, KubeObject } from '../../client/src/kubernetes/resources/types';
import { LspClient } from '../support/lsp-client';

const env = process.env;
export const kubeSkip: string | false =
  (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;

export function requireEnv(name: string): string {
  const value = env[name];
  assert.ok(value, `${name} is not set: start the cluster with test/infra/kube/up.sh and source $SHIPSHAPE_RUN_DIR/env/kube.env`);
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export function connect(context: 'admin' | 'limited' = 'admin', allowPlugins = true): ClusterConnection {
  const loaded = loadKubeconfigs([requireEnv('KUBECONFIG')]);
  const name = requireEnv(context === 'admin' ? 'SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT' : 'SHIPSHAPE_TEST_KUBE_LIMITED_CONTEXT');
  return ClusterConnection.forContext(loaded, name, { allowPlugins });
}

/**
 * What the extension asks its language server (which documents are objects, where a field is, which
 * group-versions are bundled), answered by the built server over stdio (`npm run build` first); stopped after the test.
 */
export async function languageServer(t: TestContext): Promise<KubernetesLanguageServer> {
  const { client } = await LspClient.start();
  t.after(() => client.stop());
  return kubernetesLanguageServer((method, params) => client.request(method, params));
}

export const id = () => crypto.randomBytes(3).toString('hex');

/** A fresh namespace (with its default ServiceAccount, which pods need); deleted by the returned cleanup. */
export async function tempNamespace(conn: ClusterConnection, prefix: string): Promise<{ ns: string; cleanup: () => Promise<void> }> {
  const ns = `${prefix}-${id()}`;
  await conn.json('/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  await until(`ServiceAccount ${ns}/default`, 30_000, () => conn.json(`/api/v1/namespaces/${ns}/serviceaccounts/default`));
  return {
    ns,
    cleanup: () =>
      conn.json(`/api/v1/namespaces/${ns}`, { method: 'DELETE' }).then(
        () => undefined,
        () => undefined,
      ),
  };
}

export function deploymentBody(name: string, replicas = 1, image = 'registry.invalid/shipshape/app:1') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, ports: [{ name: 'http', containerPort: 8080 }] }] } },
    },
  };
}

export async function createDeployment(conn: ClusterConnection, ns: string, name: string, replicas = 1): Promise<KubeObject> {
  return conn.json<KubeObject>(`/apis/apps/v1/namespaces/${ns}/deployments`, { method: 'POST', body: deploymentBody(name, replicas) });
}

export async function runningPods(conn: ClusterConnection, ns: string, selector: string): Promise<KubeObject[]> {
  const list = await conn.json<KubeList>(`/api/v1/namespaces/${ns}/pods`, { query: { labelSelector: selector } });
  return list.items.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
}

export async function waitRunning(conn: ClusterConnection, ns: string, selector: string, count = 1, exclude: string[] = []): Promise<KubeObject[]> {
  try {
    return await until(`${count} Running pod(s) ${selector} in ${ns}`, 90_000, async () => {
      const pods = (await runningPods(conn, ns, selector)).filter((p) => !exclude.includes(p.metadata.name));
      return pods.length >= count ? pods : undefined;
    });
  } catch (err) {
    // What the cluster did instead, so a timeout says which part (controller, scheduler, kwok) stalled.
    throw new Error(`${(err as Error).message}\n${await podsAndEvents(conn, ns).catch((e) => `(could not read the namespace: ${String(e)})`)}`);
  }
}

/** One line per pod (phase, node, conditions, deletion) and per event of a namespace. */
export async function podsAndEvents(conn: ClusterConnection, ns: string): Promise<string> {
  const pods = await conn.json<KubeList>(`/api/v1/namespaces/${ns}/pods`);
  const events = await conn.json<KubeList>(`/api/v1/namespaces/${ns}/events`);
  const rs = await conn.json<KubeList>(`/apis/apps/v1/namespaces/${ns}/replicasets`);
  return [
    ...pods.items.map(
      (p) =>
        `pod ${p.metadata.name}: ${p.status?.phase} node=${p.spec?.nodeName ?? '-'} created=${p.metadata.creationTimestamp}` +
        `${p.metadata.deletionTimestamp ? ` deleting since ${p.metadata.deletionTimestamp}` : ''} conditions=${(p.status?.conditions ?? []).map((c: { type: string; status: string }) => `${c.type}=${c.status}`).join(',')}`,
    ),
    ...rs.items.map((r) => `replicaset ${r.metadata.name}: replicas=${r.status?.replicas} ready=${r.status?.readyReplicas ?? 0} observedGeneration=${r.status?.observedGeneration}`),
    ...events.items.map(
      (e) => `event ${e.lastTimestamp ?? e.eventTime ?? ''} ${(e.involvedObject as { kind?: string; name?: string } | undefined)?.kind}/${(e.involvedObject as { name?: string } | undefined)?.name} ${e.reason}: ${e.message}`,
    ),
    `(at ${new Date().toISOString()})`,
  ].join('\n');
}

/** Appends a line to the CRI log file kwok serves every container's log from. */
export function appendLog(text: string): void {
  const ts = new Date().toISOString().replace('Z', '000000Z');
  fs.appendFileSync(requireEnv('SHIPSHAPE_TEST_KUBE_POD_LOG_FILE'), `${ts} stdout F ${text}\n`);
}

/**
 * Tests in different files run in parallel, and two of them restart the API server. They take this
 * lock exclusively; every other cluster test holds it shared, so none runs during a restart.
 * (flock in a child process: released when the child exits.)
 */
async function clusterLock(mode: 'shared' | 'exclusive'): Promise<() => void> {
  // Next to the test kubeconfig (in the run dir, removed with it) when there is one file.
  const key = crypto
    .createHash('sha256')
    .update(env.KUBECONFIG ?? '')
    .digest('hex')
    .slice(0, 12);
  const single = env.KUBECONFIG && !env.KUBECONFIG.includes(path.delimiter) ? env.KUBECONFIG : undefined;
  const file = single ? `${single}.apiserver.lock` : path.join(os.tmpdir(), `shipshape-apiserver-${key}.lock`);
  const child = spawn('flock', [mode === 'shared' ? '-s' : '-x', file, '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`flock exited with ${code}`)));
  });
  return () => child.stdin.end();
}

type TestFn = (t: TestContext) => Promise<void>;

/** node:test's test(), holding the cluster lock (exclusive for tests that restart the API server). */
export function liveTest(name: string, opts: TestOptions, fn: TestFn, mode: 'shared' | 'exclusive' = 'shared'): void {
  test(name, opts, async (t) => {
    const release = await clusterLock(mode);
    try {
      await fn(t);
    } finally {
      release();
    }
  });
}

/**
 * The change door over `conn` with a person's answers scripted: trusted workspace, the given protected
 * contexts, every confirmation answered `confirm`, a protected context's name typed as `typed`.
 * Records what was asked and previewed.
 */
export function scriptedDoor(conn: ClusterConnection, opts: { protectedContexts?: string[]; typed?: string; confirm?: boolean; trusted?: boolean } = {}) {
  const asked: string[] = [];
  const previews: string[] = [];
  const door = new ChangeDoor(
    () => conn,
    { trusted: () => opts.trusted ?? true, protectedContexts: () => opts.protectedContexts ?? [] },
    {
      preview: async (_title, text) => void previews.push(text),
      confirm: async (message) => (asked.push(message), opts.confirm ?? true),
      typeName: async (message) => (asked.push(message), opts.typed),
    },
  );
  return { door, asked, previews };
}

/** One change through a scripted door that says yes; the results, or the dry run's when it refused. */
export async function changeThroughDoor(conn: ClusterConnection, verb: string, mutations: Mutation[]): Promise<ChangeResult[]> {
  const outcome = await scriptedDoor(conn).door.change({ context: conn.context, verb, target: `${mutations.length} object(s)`, confirm: true, mutations });
  return outcome.done ? outcome.results : outcome.preview;
}

/** Like changeThroughDoor for one mutation; throws the failure's message. */
export async function changeOne(conn: ClusterConnection, verb: string, mutation: Mutation): Promise<KubeObject | undefined> {
  const [result] = await changeThroughDoor(conn, verb, [mutation]);
  if (result!.status === 'failed') throw Object.assign(new Error(result!.error), { statusCode: result!.httpStatus });
  return result!.object;
}
