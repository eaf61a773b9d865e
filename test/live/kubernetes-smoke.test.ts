// Smoke test for test/infra/kube: a real kube-apiserver (+ etcd, controller-manager, scheduler) with
// kwok simulating the node. A Deployment's pod is scheduled and goes Pending -> Running, its logs
// stream with follow, exec returns the command's output, a deleted pod is replaced by its
// ReplicaSet, and the RBAC-limited user is confined to its namespace. If this fails, the other
// Kubernetes live tests will too.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { ApiException, AppsV1Api, CoreV1Api, Exec, KubeConfig, Log, VersionApi, Watch, type V1Pod, type V1Status } from '@kubernetes/client-node';

const env = process.env;
const kubeSkip: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;

function requireEnv(name: string): string {
  const value = env[name];
  assert.ok(value, `${name} is not set: start the cluster with test/infra/kube/up.sh and source $SHIPSHAPE_RUN_DIR/env/kube.env`);
  return value;
}

function kubeConfig(context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(requireEnv('KUBECONFIG'));
  kc.setCurrentContext(context);
  return kc;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Collects a stream's text so a test can wait for a given substring. */
function textSink(): { stream: Writable; text: () => string; waitFor: (s: string, ms: number) => Promise<void> } {
  let buf = '';
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => (buf += chunk.toString('utf8')));
  return {
    stream,
    text: () => buf,
    waitFor: (s, ms) => until(`${JSON.stringify(s)} in stream (got ${JSON.stringify(buf.slice(-300))})`, ms, async () => (buf.includes(s) ? true : undefined)).then(() => {}),
  };
}

/** A line in the CRI log format kwok serves pod logs from. */
const criLine = (text: string) => `${new Date().toISOString().replace('Z', '000000Z')} stdout F ${text}\n`;

async function runExec(kc: KubeConfig, ns: string, pod: string, command: string[]) {
  const out = textSink();
  const err = textSink();
  const status = await new Promise<V1Status>((resolve, reject) => {
    new Exec(kc).exec(ns, pod, 'app', command, out.stream, err.stream, null, false, resolve).catch(reject);
  });
  // The status frame can arrive just before the last output frame is flushed into the sink.
  await sleep(100);
  return { status, stdout: out.text(), stderr: err.text() };
}

test('kubernetes smoke: deployment on a kwok node, logs follow, exec, pod replacement, RBAC', { skip: kubeSkip, timeout: 300_000 }, async () => {
  const admin = kubeConfig(requireEnv('SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT'));
  const core = admin.makeApiClient(CoreV1Api);
  const apps = admin.makeApiClient(AppsV1Api);
  const id = crypto.randomBytes(4).toString('hex');
  const ns = `shipshape-smoke-${id}`;
  const app = 'smoke';

  // The API server is the version up.sh announced.
  const version = (await admin.makeApiClient(VersionApi).getCode()).gitVersion;
  assert.equal(version, `v${requireEnv('SHIPSHAPE_TEST_KUBE_VERSION')}`);

  await core.createNamespace({ body: { metadata: { name: ns } } });
  const phases: string[] = [];
  let watchAbort: AbortController | undefined;
  try {
    // Generous waits: after another test restarts the apiserver, controllers' watches reconnect
    // with client-go's backoff and can lag for up to a minute.
    await until(`ServiceAccount ${ns}/default`, 90_000, () => core.readNamespacedServiceAccount({ name: 'default', namespace: ns }));
    // Watch before creating so the pod's whole life is observed, Pending included.
    watchAbort = await new Watch(admin).watch(
      `/api/v1/namespaces/${ns}/pods`,
      { labelSelector: `app=${app}` },
      (type, pod: V1Pod) => phases.push(`${type}:${pod.metadata?.name}:${pod.status?.phase}:${pod.spec?.nodeName ?? ''}`),
      () => {},
    );
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: app },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app } },
          template: {
            metadata: { labels: { app } },
            spec: { containers: [{ name: 'app', image: 'registry.invalid/shipshape/smoke:1' }] },
          },
        },
      },
    });

    const running = async (exclude?: string) =>
      until(`a Running pod of deployment ${ns}/${app}${exclude ? ` other than ${exclude}` : ''}`, 90_000, async () => {
        const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` });
        return pods.items.find((p) => p.status?.phase === 'Running' && p.metadata?.name !== exclude && !p.metadata?.deletionTimestamp);
      });
    const pod = await running();
    const podName = pod.metadata!.name!;
    assert.equal(pod.spec?.nodeName, requireEnv('SHIPSHAPE_TEST_KUBE_NODE'));
    const node = await core.readNode({ name: pod.spec!.nodeName! });
    assert.equal(node.metadata?.annotations?.['kwok.x-k8s.io/node'], 'fake');
    assert.equal(node.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    const podPhases = () => phases.filter((p) => p.includes(`:${podName}:`)).map((p) => p.split(':')[2]);
    await until(`watch events for ${podName}`, 10_000, async () => (podPhases().includes('Running') ? true : undefined));
    assert.equal(podPhases()[0], 'Pending', `pod phases seen by watch: ${phases.join(', ')}`);

    // Logs, followed: a line appended to kwok's log file after the request started must arrive.
    const logFile = requireEnv('SHIPSHAPE_TEST_KUBE_POD_LOG_FILE');
    const logs = textSink();
    const logAbort = await new Log(admin).log(ns, podName, 'app', logs.stream, { follow: true });
    try {
      // up.sh wrote this line before starting kwok: once it arrived, the stream is open.
      await logs.waitFor('shipshape kwok container started\n', 15_000);
      const marker = `shipshape-follow-${id}`;
      assert.ok(!logs.text().includes(marker));
      fs.appendFileSync(logFile, criLine(marker));
      await logs.waitFor(`${marker}\n`, 15_000);
      const second = `shipshape-follow-2-${id}`;
      fs.appendFileSync(logFile, criLine(second));
      await logs.waitFor(`${second}\n`, 15_000);
    } finally {
      logAbort.abort();
    }

    // Exec goes apiserver -> kwok's kubelet-like server, which runs the command.
    const echo = await runExec(admin, ns, podName, ['echo', `hello-${id}`]);
    assert.equal(echo.status.status, 'Success', JSON.stringify(echo.status));
    assert.equal(echo.stdout, `hello-${id}\n`);
    const failing = await runExec(admin, ns, podName, ['sh', '-c', 'echo to-stderr >&2; exit 3']);
    // kwok reports a failed command as a 500 whose message carries the exit status (a real kubelet
    // sends reason NonZeroExitCode with an ExitCode cause).
    assert.equal(failing.status.status, 'Failure');
    assert.match(failing.status.message ?? '', /exit status 3/, JSON.stringify(failing.status));
    assert.equal(failing.stderr, 'to-stderr\n');

    // Deleting the pod makes the ReplicaSet create a new one, which also reaches Running.
    await core.deleteNamespacedPod({ name: podName, namespace: ns });
    const replacement = await running(podName);
    assert.notEqual(replacement.metadata?.name, podName);
    await until(`pod ${podName} gone`, 90_000, async () => {
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` });
      return pods.items.some((p) => p.metadata?.name === podName) ? undefined : true;
    });

    // The limited user: allowed in its namespace, 403 elsewhere.
    const limited = kubeConfig(requireEnv('SHIPSHAPE_TEST_KUBE_LIMITED_CONTEXT')).makeApiClient(CoreV1Api);
    const limitedNs = requireEnv('SHIPSHAPE_TEST_KUBE_LIMITED_NAMESPACE');
    const own = await limited.listNamespacedPod({ namespace: limitedNs });
    assert.ok(Array.isArray(own.items));
    await assert.rejects(limited.listNamespacedPod({ namespace: 'default' }), (err: unknown) => {
      assert.ok(err instanceof ApiException, `expected ApiException, got ${String(err)}`);
      assert.equal(err.code, 403);
      return true;
    });
  } finally {
    watchAbort?.abort();
    await core.deleteNamespace({ name: ns }).catch(() => {});
  }
});
