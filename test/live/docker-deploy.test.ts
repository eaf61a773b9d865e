// The build-to-deploy path: build an image on the real engine, push it to the loopback registry, set
// it on a Deployment on the real API server (test/infra/kube: kube-controller-manager + kwok run the
// rollout), and follow the rollout to completion. Needs both the Docker and the Kubernetes test envs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { buildImage } from '../../client/src/docker/build';
import { pushImage } from '../../client/src/docker/push';
import { applyObject, followPodLogs, listDeployments, manifestContainers, podsWithImage, rolloutStatus, setDeploymentImage, setImageInManifest, waitForRollout } from '../../client/src/docker/deploy';
import { liveTest } from './cluster-support';
import { BUILD_NETWORK, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

const kubeEnv = !!process.env.KUBECONFIG && !!process.env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT;
const skip: string | false =
  process.env.CI === 'true' ? false
  : !process.env.DOCKER_HOST ? 'DOCKER_HOST not set (test/infra/docker)'
  : !kubeEnv ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (test/infra/kube)'
  : false;

test('rollout status reads like kubectl', () => {
  const d = (status: k8s.V1DeploymentStatus, generation = 2): k8s.V1Deployment => ({ metadata: { name: 'web', generation }, spec: { replicas: 2, selector: {}, template: {} }, status });
  assert.equal(rolloutStatus(d({ observedGeneration: 1 })).message, 'Waiting for deployment "web" spec update to be observed...');
  assert.equal(rolloutStatus(d({ observedGeneration: 2, updatedReplicas: 1, replicas: 2 })).message, 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...');
  assert.equal(rolloutStatus(d({ observedGeneration: 2, updatedReplicas: 2, replicas: 3 })).message, 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
  assert.equal(rolloutStatus(d({ observedGeneration: 2, updatedReplicas: 2, replicas: 2, availableReplicas: 1 })).done, false);
  assert.deepEqual(rolloutStatus(d({ observedGeneration: 2, updatedReplicas: 2, replicas: 2, availableReplicas: 2 })), { done: true, message: 'deployment "web" successfully rolled out' });
  assert.throws(() => rolloutStatus(d({ observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] })), /progress deadline/);
});

test('manifest: set one container image, keep everything else byte-for-byte', () => {
  const text = '# app\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web   # keep me\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: "old:1"  # pinned\n      - name: side\n        image: side:2\n';
  const cs = manifestContainers(text);
  assert.deepEqual(cs.map((c) => `${c.doc}:${c.kind}/${c.name}/${c.container}=${c.image}`), ['1:Deployment/web/app=old:1', '1:Deployment/web/side=side:2']);
  const r = setImageInManifest(text, cs[0], '127.0.0.1:5000/web:2');
  assert.equal(r.text, text.replace('"old:1"', '"127.0.0.1:5000/web:2"'));
  assert.equal((r.object as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0].image, '127.0.0.1:5000/web:2');
  assert.equal(setImageInManifest(text, cs[1], 'side:3').text, text.replace('image: side:2', 'image: side:3'));
  assert.throws(() => setImageInManifest(text, { ...cs[0], container: 'nope' }, 'x'), /no container "nope"/);
});

// shared cluster lock: other suites restart the API server under the exclusive one
liveTest('build, push, set image on a Deployment, rollout completes', { skip, timeout: 300_000 }, async () => {
  assert.ok(kubeEnv, 'KUBECONFIG and SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT must come from test/infra/kube/up.sh');
  const registry = process.env.SHIPSHAPE_TEST_REGISTRY;
  assert.ok(registry, 'SHIPSHAPE_TEST_REGISTRY not set');
  const engine = liveEngine();
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  kc.setCurrentContext(process.env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT!);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const namespace = 'default';
  const name = uniqueName('deploy');
  const image = `${registry}/shipshape/${name}:v2`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-deploy-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${testImage()}\nCMD ["sh","-c","echo ${name} v2; sleep 3600"]\n`);
    const built = await buildImage(engine.docker, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [image], network: BUILD_NETWORK }, () => {});
    assert.ok(built.ok, JSON.stringify(built));
    const { digest } = await pushImage(engine.docker, image);
    assert.match(digest ?? '', /^sha256:/);

    // the Deployment comes from a manifest, applied the way the manifest path of the command does
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${namespace}`,
      'spec:',
      '  replicas: 2',
      `  selector: {matchLabels: {app: ${name}}}`,
      '  template:',
      `    metadata: {labels: {app: ${name}}}`,
      '    spec:',
      '      containers:',
      '      - name: app',
      `        image: ${registry}/shipshape/${name}:v1`,
      '      - name: sidecar',
      `        image: ${testImage()}`,
      '',
    ].join('\n');
    const first = setImageInManifest(manifest, manifestContainers(manifest)[0], `${registry}/shipshape/${name}:v1`);
    await applyObject(kc, first.object);
    await waitForRollout(kc, namespace, name, { timeoutMs: 120_000 });
    assert.ok((await listDeployments(kc, namespace)).some((d) => d.name === name && d.containers[0].image.endsWith(':v1')));

    const gen = await setDeploymentImage(kc, namespace, name, 'app', image);
    const seen: string[] = [];
    await waitForRollout(kc, namespace, name, { minGeneration: gen, timeoutMs: 180_000, onStatus: (m) => seen.push(m) });
    const d = await apps.readNamespacedDeployment({ name, namespace });
    assert.equal(d.spec?.template.spec?.containers.find((c) => c.name === 'app')?.image, image);
    assert.equal(d.spec?.template.spec?.containers.find((c) => c.name === 'sidecar')?.image, testImage()); // untouched
    assert.equal(d.status?.updatedReplicas, 2);
    assert.equal(d.status?.availableReplicas, 2);
    assert.equal(seen.at(-1), `deployment "${name}" successfully rolled out`);
    const pods = await podsWithImage(kc, namespace, name, 'app', image);
    assert.equal(pods.length, 2);

    // the new pods' logs stream in (kwok serves every container's log from one CRI-format file)
    const logFile = process.env.SHIPSHAPE_TEST_KUBE_POD_LOG_FILE;
    assert.ok(logFile, 'SHIPSHAPE_TEST_KUBE_POD_LOG_FILE not set (test/infra/kube)');
    const marker = uniqueName('deployed-log');
    const got = new Map<string, string[]>();
    const ac = new AbortController();
    try {
      await followPodLogs(kc, namespace, pods, 'app', (pod, line) => got.set(pod, [...(got.get(pod) ?? []), line]), ac.signal, 1);
      fs.appendFileSync(logFile, `${new Date().toISOString().replace('Z', '000000Z')} stdout F ${marker}\n`);
      const until = Date.now() + 20_000;
      while (Date.now() < until && !pods.every((p) => got.get(p)?.includes(marker))) await new Promise((r) => setTimeout(r, 100));
      for (const p of pods) assert.ok(got.get(p)?.includes(marker), `pod ${p} logs: ${JSON.stringify(got.get(p))}`);
    } finally {
      ac.abort();
    }
    await assert.rejects(setDeploymentImage(kc, namespace, name, 'nope', image), /no container "nope"/);

    // manifest path: edit the file's text, server-side apply it, follow the rollout again
    const v3 = `${registry}/shipshape/${name}:v3`;
    const edited = setImageInManifest(manifest, manifestContainers(manifest)[0], v3);
    assert.equal(edited.text, manifest.replace(`${name}:v1`, `${name}:v3`));
    const applied = await applyObject(kc, edited.object);
    await waitForRollout(kc, namespace, name, { minGeneration: applied.metadata?.generation, timeoutMs: 180_000 });
    const d3 = await apps.readNamespacedDeployment({ name, namespace });
    assert.equal(d3.spec?.template.spec?.containers.find((c) => c.name === 'app')?.image, v3);
    assert.equal(d3.status?.updatedReplicas, 2);
  } finally {
    await apps.deleteNamespacedDeployment({ name, namespace }).catch(() => {});
    await removeQuietly(engine, { images: [image] });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
