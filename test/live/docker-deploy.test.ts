// The build-to-deploy path: build an image on the real engine, push it to the loopback registry, set
// it on a Deployment on the real API server (test/infra/kube: kube-controller-manager + kwok run the
// rollout) in the context chosen in the explorer, through the change door (protected context, no force),
// and follow the rollout to completion. Needs both the Docker and the Kubernetes test envs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { buildImage } from '../../client/src/docker/build';
import { pushImage } from '../../client/src/docker/push';
import { deployImage, followPodLogs, listDeployments, manifestContainers, podsWithImage, rolloutStatus, setImageInManifest, waitForRollout } from '../../client/src/docker/deploy';
import { loadKubeconfigs } from '../../client/src/kubernetes/cluster/kubeconfig';
import { ExplorerModel } from '../../client/src/kubernetes/explorer/model';
import type { KubeObject } from '../../client/src/kubernetes/resources/types';
import { connect, liveTest, requireEnv, scriptedDoor } from './cluster-support';
import { BUILD_NETWORK, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

const kubeEnv = !!process.env.KUBECONFIG && !!process.env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT;
const skip: string | false = process.env.CI === 'true' ? false : !process.env.DOCKER_HOST ? 'DOCKER_HOST not set (test/infra/docker)' : !kubeEnv ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (test/infra/kube)' : false;

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
  const text =
    '# app\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web   # keep me\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: "old:1"  # pinned\n      - name: side\n        image: side:2\n';
  const cs = manifestContainers(text);
  assert.deepEqual(
    cs.map((c) => `${c.doc}:${c.kind}/${c.name}/${c.container}=${c.image}`),
    ['1:Deployment/web/app=old:1', '1:Deployment/web/side=side:2'],
  );
  const r = setImageInManifest(text, cs[0], '127.0.0.1:5000/web:2');
  assert.equal(r.text, text.replace('"old:1"', '"127.0.0.1:5000/web:2"'));
  assert.equal((r.object as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec.containers[0].image, '127.0.0.1:5000/web:2');
  assert.equal(setImageInManifest(text, cs[1], 'side:3').text, text.replace('image: side:2', 'image: side:3'));
  assert.throws(() => setImageInManifest(text, { ...cs[0], container: 'nope' }, 'x'), /no container "nope"/);
});

// shared cluster lock: other suites restart the API server under the exclusive one
liveTest("Build and Deploy: to the explorer's context, through the door: a protected context needs its name, no force keeps other managers' fields", { skip, timeout: 300_000 }, async () => {
  assert.ok(kubeEnv, 'KUBECONFIG and SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT must come from test/infra/kube/up.sh');
  const registry = process.env.SHIPSHAPE_TEST_REGISTRY;
  assert.ok(registry, 'SHIPSHAPE_TEST_REGISTRY not set');
  const engine = liveEngine();
  const adminContext = requireEnv('SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT');
  const admin = connect('admin');
  const namespace = 'default';
  const name = uniqueName('deploy');
  const image = (tag: string) => `${registry}/shipshape/${name}:${tag}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-deploy-'));
  const deploymentPath = `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`;
  try {
    // The kubeconfig's own current-context is a decoy nobody listens on: Build and Deploy must use the
    // explorer's choice (the old command loaded the default kubeconfig and went there).
    const kubeconfig = path.join(dir, 'kubeconfig');
    const raw = parse(fs.readFileSync(requireEnv('KUBECONFIG'), 'utf8')) as { clusters: unknown[]; contexts: { name: string; context: { cluster: string; user: string } }[]; 'current-context'?: string };
    const adminCtx = raw.contexts.find((c) => c.name === adminContext)!;
    raw.clusters.push({ name: 'decoy', cluster: { server: 'https://127.0.0.1:9' } });
    raw.contexts = [{ ...adminCtx, context: { ...adminCtx.context, namespace } } as never, { name: 'decoy', context: { cluster: 'decoy', user: adminCtx.context.user } }];
    raw['current-context'] = 'decoy';
    fs.writeFileSync(kubeconfig, stringify(raw));
    const model = new ExplorerModel(loadKubeconfigs([kubeconfig]), { policy: { allowPlugins: true } });
    assert.equal(model.current, 'decoy');
    model.switchContext(adminContext);
    const conn = model.connection(model.current);
    // The explorer's connections only read: a change without the door is refused before it is sent.
    await assert.rejects(conn.json(deploymentPath, { method: 'DELETE' }), /change door/);
    const door = (opts: { typed?: string } = {}) => scriptedDoor(model.writableConnection(model.current), { protectedContexts: [adminContext], ...opts });

    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${testImage()}\nCMD ["sh","-c","echo ${name}; sleep 3600"]\n`);
    for (const tag of ['v1', 'v2', 'v3']) {
      const built = await buildImage(engine.docker, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [image(tag)], network: BUILD_NETWORK }, () => {});
      assert.ok(built.ok, JSON.stringify(built));
      assert.match((await pushImage(engine.docker, image(tag))).digest ?? '', /^sha256:/);
    }
    const manifest = (tag: string, replicas?: number) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: ${name}`,
        'spec:',
        ...(replicas !== undefined ? [`  replicas: ${replicas}`] : []),
        `  selector: {matchLabels: {app: ${name}}}`,
        '  template:',
        `    metadata: {labels: {app: ${name}}}`,
        '    spec:',
        '      containers:',
        '      - name: app',
        `        image: ${image('v0')}`,
        '      - name: sidecar',
        `        image: ${testImage()}`,
        '',
      ]
        .join('\n')
        .replace(image('v0'), image(tag));
    const fromManifest = (tag: string, replicas?: number) => {
      const text = manifest('v0', replicas);
      return { kind: 'manifest' as const, object: setImageInManifest(text, manifestContainers(text)[0]!, image(tag)).object };
    };

    // First deploy from the manifest: created by shipshape's server-side apply, in the explorer's namespace.
    const first = await deployImage(door({ typed: adminContext }).door, conn, fromManifest('v1', 2), image('v1'));
    assert.equal(first?.namespace, namespace);
    await waitForRollout(conn, namespace, name, { minGeneration: first!.generation, timeoutMs: 120_000 });
    assert.ok((await listDeployments(conn, namespace)).some((d) => d.name === name && d.containers[0]!.image === image('v1')));

    // Another manager (say Argo CD) takes replicas and adds an annotation.
    await admin.json(deploymentPath, {
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: 'argocd', force: true },
      body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, annotations: { team: 'payments' } }, spec: { replicas: 3 } },
    });
    const before = await admin.json<KubeObject>(deploymentPath);

    // A protected context without its name typed: asked, nothing changed.
    const declined = door({ typed: undefined });
    assert.equal(await deployImage(declined.door, conn, fromManifest('v2'), image('v2')), undefined);
    assert.match(declined.asked.join('\n'), new RegExp(`"${adminContext}" is a protected context`));
    assert.match(declined.previews.join('\n'), /Server-side dry run: deploy/);
    // The controller keeps writing status (replicas 2 → 3), so the spec's generation is what tells.
    const after = await admin.json<KubeObject>(deploymentPath);
    assert.equal(after.metadata.generation, before.metadata.generation, 'nothing was sent');
    assert.equal(after.spec.template.spec.containers[0].image, image('v1'));

    // The manifest still says replicas: 2, which Argo CD owns now: a conflict to report, never forced.
    await assert.rejects(deployImage(door({ typed: adminContext }).door, conn, fromManifest('v2', 2), image('v2')), /409 Conflict: .*argocd.*Shipshape does not force/s);
    const unforced = await admin.json<KubeObject>(deploymentPath);
    assert.equal(unforced.spec.replicas, 3);
    assert.equal(unforced.spec.template.spec.containers[0].image, image('v1'));

    // Without the contested field the apply goes through; the other manager's fields survive.
    const second = await deployImage(door({ typed: adminContext }).door, conn, fromManifest('v2'), image('v2'));
    await waitForRollout(conn, namespace, name, { minGeneration: second!.generation, timeoutMs: 180_000 });
    const applied = await admin.json<KubeObject>(deploymentPath);
    assert.equal(applied.spec.template.spec.containers[0].image, image('v2'));
    assert.equal(applied.spec.replicas, 3);
    assert.equal(applied.metadata.annotations?.team, 'payments');
    const owners = applied.metadata.managedFields as { manager: string; fieldsV1: { 'f:spec'?: Record<string, unknown> } }[];
    assert.ok(
      owners.some((m) => m.manager === 'argocd' && m.fieldsV1['f:spec']?.['f:replicas'] !== undefined),
      `argocd still owns spec.replicas: ${JSON.stringify(owners.map((m) => m.manager))}`,
    );

    // The cluster path: one container's image, as kubectl set image; the sidecar and replicas untouched.
    const seen: string[] = [];
    const third = await deployImage(door({ typed: adminContext }).door, conn, { kind: 'deployment', namespace, name, container: 'app' }, image('v3'));
    await waitForRollout(conn, namespace, name, { minGeneration: third!.generation, timeoutMs: 180_000, onStatus: (m) => seen.push(m) });
    const d = await admin.json<KubeObject>(deploymentPath);
    assert.equal(d.spec.template.spec.containers.find((c: { name: string }) => c.name === 'app').image, image('v3'));
    assert.equal(d.spec.template.spec.containers.find((c: { name: string }) => c.name === 'sidecar').image, testImage());
    assert.equal(d.spec.replicas, 3);
    assert.equal(d.status?.updatedReplicas, 3);
    assert.equal(seen.at(-1), `deployment "${name}" successfully rolled out`);
    const pods = await podsWithImage(conn, namespace, name, 'app', image('v3'));
    assert.equal(pods.length, 3);
    await assert.rejects(deployImage(door({ typed: adminContext }).door, conn, { kind: 'deployment', namespace, name, container: 'nope' }, image('v3')), /has no container "nope"/);

    // The new pods' logs stream in (kwok serves every container's log from one CRI-format file).
    const logFile = requireEnv('SHIPSHAPE_TEST_KUBE_POD_LOG_FILE');
    const marker = uniqueName('deployed-log');
    const got = new Map<string, string[]>();
    const ac = new AbortController();
    try {
      await followPodLogs(conn, namespace, pods, 'app', (pod, line) => got.set(pod, [...(got.get(pod) ?? []), line]), ac.signal, 1);
      fs.appendFileSync(logFile, `${new Date().toISOString().replace('Z', '000000Z')} stdout F ${marker}\n`);
      const until = Date.now() + 20_000;
      while (Date.now() < until && !pods.every((p) => got.get(p)?.includes(marker))) await new Promise((r) => setTimeout(r, 100));
      for (const p of pods) assert.ok(got.get(p)?.includes(marker), `pod ${p} logs: ${JSON.stringify(got.get(p))}`);
    } finally {
      ac.abort();
    }
    model.dispose();
  } finally {
    await admin.json(deploymentPath, { method: 'DELETE' }).catch(() => {});
    await removeQuietly(engine, { images: ['v1', 'v2', 'v3'].map(image) });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
