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
import { listDeployments, podsWithImage, rolloutStatus, setDeploymentImage, waitForRollout } from '../../client/src/docker/deploy';
import { liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

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

test('build, push, set image on a Deployment, rollout completes', { skip, timeout: 300_000 }, async () => {
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
    const built = await buildImage(engine.docker, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [image] }, () => {});
    assert.ok(built.ok, JSON.stringify(built));
    const { digest } = await pushImage(engine.docker, image);
    assert.match(digest ?? '', /^sha256:/);

    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: `${registry}/shipshape/${name}:v1` }, { name: 'sidecar', image: testImage() }] } },
        },
      },
    });
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
    assert.equal((await podsWithImage(kc, namespace, name, 'app', image)).length >= 2, true);
    await assert.rejects(setDeploymentImage(kc, namespace, name, 'nope', image), /no container "nope"/);
  } finally {
    await apps.deleteNamespacedDeployment({ name, namespace }).catch(() => {});
    await removeQuietly(engine, { images: [image] });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
