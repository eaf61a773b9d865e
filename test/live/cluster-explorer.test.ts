// The explorer model against the real API server: the tree's levels and contents, live updates
// from watches (no polling), "show more" paging, a 403 that marks only its node, and a watch that
// survives an API-server restart.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { loadKubeconfigs } from '../../client/src/kubernetes/cluster/kubeconfig';
import { ExplorerModel, type ExplorerNode } from '../../client/src/kubernetes/explorer/model';
import { describeLine, podStatus } from '../../client/src/kubernetes/explorer/status';
import { ResourceCache } from '../../client/src/kubernetes/resources/cache';
import { kindByName } from '../../client/src/kubernetes/resources/kinds';
import { connect, createDeployment, id, kubeSkip, liveTest, requireEnv, tempNamespace, until } from './cluster-support';

const labelOf = (n: ExplorerNode) =>
  n.type === 'context'
    ? n.context
    : n.type === 'category'
      ? n.category
      : n.type === 'kind'
        ? n.kind.title
        : n.type === 'object'
          ? n.object.metadata.name
          : n.type === 'container'
            ? n.container
            : n.type === 'message'
              ? n.text
              : n.type === 'helmReleases'
                ? 'Helm Releases'
                : n.type === 'helmRelease'
                  ? n.release.name
                  : 'more';

async function child(model: ExplorerModel, parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> {
  const kids = await model.children(parent);
  const found = kids.find((k) => labelOf(k) === label);
  assert.ok(found, `no "${label}" under ${parent ? labelOf(parent) : 'root'}: ${kids.map(labelOf).join(', ')}`);
  return found;
}

liveTest('explorer tree: contexts, categories, kinds, live objects with status, containers; paging with show more', { skip: kubeSkip, timeout: 180_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-tree');
  const connected: string[] = [];
  const model = new ExplorerModel(loadKubeconfigs([requireEnv('KUBECONFIG')]), { policy: { allowPlugins: false }, pageSize: 10, onConnected: (c, v) => connected.push(`${c}=${v}`) });
  try {
    assert.deepEqual(connected, [], 'nothing contacts the cluster before the tree is expanded');
    const roots = await model.children();
    assert.deepEqual(roots.map(labelOf).sort(), ['shipshape-admin', 'shipshape-limited']);
    const ctx = await child(model, undefined, 'shipshape-admin');
    model.setNamespace(ns, 'shipshape-admin');
    const top = (await model.children(ctx)).map(labelOf);
    assert.deepEqual(top, ['Workloads', 'Network', 'Config', 'Storage', 'Custom Resources', 'Helm Releases', 'Nodes', 'Namespaces', 'Events']);
    const minor = requireEnv('SHIPSHAPE_TEST_KUBE_VERSION').split('.').slice(0, 2).join('.');
    assert.deepEqual(connected, [`shipshape-admin=${minor}`]);
    const workloads = await child(model, ctx, 'Workloads');
    assert.deepEqual((await model.children(workloads)).map(labelOf), ['Deployments', 'StatefulSets', 'DaemonSets', 'ReplicaSets', 'Jobs', 'CronJobs', 'Pods']);
    const network = await child(model, ctx, 'Network');
    assert.deepEqual((await model.children(network)).map(labelOf), ['Services', 'Ingresses', 'EndpointSlices']);

    // Pods: empty, then a Deployment's pod appears through the watch, reaches Running, shows its container.
    const podsNode = await child(model, workloads, 'Pods');
    assert.deepEqual((await model.children(podsNode)).map(labelOf), ['None']);
    let changes = 0;
    model.on('change', (n?: ExplorerNode) => n?.id === podsNode.id && changes++);
    await createDeployment(admin, ns, 'web', 2);
    const pods = await until('two Running pods in the tree', 60_000, async () => {
      const kids = (await model.children(podsNode)).filter((k): k is Extract<ExplorerNode, { type: 'object' }> => k.type === 'object');
      return kids.length === 2 && kids.every((k) => podStatus(k.object).text === 'Running') ? kids : undefined;
    });
    assert.ok(changes > 0, 'the tree was told about changes');
    assert.match(describeLine({ ...pods[0]!.object, kind: 'Pod' }), /^Running · 1\/1 · \d+s$/);
    assert.deepEqual((await model.children(pods[0])).map(labelOf), ['app']);
    const deps = await child(model, workloads, 'Deployments');
    await until('deployment 2/2 in the tree', 60_000, async () => {
      const d = (await model.children(deps)).find((k) => labelOf(k) === 'web');
      return d?.type === 'object' && describeLine({ ...d.object, kind: 'Deployment' }).startsWith('Available · 2/2') ? true : undefined;
    });

    // Paging: 25 ConfigMaps (+ kube-root-ca.crt), page size 10.
    for (let i = 0; i < 25; i++) await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: `cm-${String(i).padStart(2, '0')}` }, data: { i: String(i) } } });
    const config = await child(model, ctx, 'Config');
    const cms = await child(model, config, 'ConfigMaps');
    let kids = await model.children(cms);
    assert.equal(kids.filter((k) => k.type === 'object').length, 10);
    const more = kids.at(-1)!;
    assert.equal(more.type, 'more');
    // A change to an object beyond the loaded page is held, then shown with its page.
    await admin.json(`/api/v1/namespaces/${ns}/configmaps/cm-24`, { method: 'PATCH', body: { data: { i: 'changed' } }, contentType: 'application/merge-patch+json' });
    await admin.json(`/api/v1/namespaces/${ns}/configmaps/cm-23`, { method: 'DELETE' });
    await model.loadMore(more as Extract<ExplorerNode, { type: 'more' }>);
    kids = await model.children(cms);
    assert.equal(kids.filter((k) => k.type === 'object').length, 20);
    await model.loadMore(kids.at(-1) as Extract<ExplorerNode, { type: 'more' }>);
    await until('cm-23 deletion and cm-24 change applied after paging', 10_000, async () => {
      kids = await model.children(cms);
      const objs = kids.filter((k): k is Extract<ExplorerNode, { type: 'object' }> => k.type === 'object');
      return objs.length === 25 &&
        !objs.some((o) => o.object.metadata.name === 'cm-23') &&
        objs.find((o) => o.object.metadata.name === 'cm-24')?.object.data &&
        (objs.find((o) => o.object.metadata.name === 'cm-24')!.object.data as { i: string }).i === 'changed'
        ? true
        : undefined;
    });
    assert.ok(!kids.some((k) => k.type === 'more'));

    // Cluster-scoped: the KWOK node is Ready.
    const nodes = await child(model, ctx, 'Nodes');
    const node = await child(model, nodes, requireEnv('SHIPSHAPE_TEST_KUBE_NODE'));
    assert.equal(node.type === 'object' && describeLine({ ...node.object, kind: 'Node' }).split(' · ')[0], 'Ready');
  } finally {
    model.dispose();
    await cleanup();
  }
});

liveTest('RBAC-limited user: a 403 marks only the node it happened on, with the reason', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const model = new ExplorerModel(loadKubeconfigs([requireEnv('KUBECONFIG')]), { policy: { allowPlugins: false } });
  try {
    const ctx = await child(model, undefined, 'shipshape-limited');
    const top = await model.children(ctx);
    assert.ok(!model.errors.has(ctx.id), 'the context itself is fine');
    const nodes = top.find((n) => labelOf(n) === 'Nodes')!;
    const kids = await model.children(nodes);
    assert.equal(kids.length, 1);
    assert.equal(kids[0]!.type, 'message');
    assert.match(model.errors.get(nodes.id) ?? '', /^403 Forbidden: .*"shipshape-limited" cannot list resource "nodes"/);
    assert.equal(kids[0]!.type === 'message' && kids[0]!.error, true);
    // Namespaced kinds in its own namespace still work.
    const workloads = top.find((n) => labelOf(n) === 'Workloads')!;
    const pods = (await model.children(workloads)).find((n) => labelOf(n) === 'Pods')!;
    const podKids = await model.children(pods);
    assert.ok(!model.errors.has(pods.id), model.errors.get(pods.id));
    assert.ok(podKids.every((k) => k.type !== 'message' || !k.error));
    // CRDs are cluster-scoped: the category node is marked, the rest of the tree is not.
    const crds = top.find((n) => labelOf(n) === 'Custom Resources')!;
    await model.children(crds);
    assert.match(model.errors.get(crds.id) ?? '', /^403 Forbidden/);
    assert.deepEqual([...model.errors.keys()].sort(), [crds.id, nodes.id].sort());
  } finally {
    model.dispose();
  }
});

liveTest(
  'a watch survives an API-server restart (resumes from its resourceVersion) and sees changes made after it',
  { skip: kubeSkip, timeout: 360_000 },
  async () => {
    const admin = connect('admin');
    const { ns, cleanup } = await tempNamespace(admin, 'shipshape-watch');
    const cache = new ResourceCache(admin, kindByName('configmaps')!, { namespace: ns, debounceMs: 0 });
    try {
      await cache.start();
      const names = () =>
        cache
          .items()
          .map((o) => o.metadata.name)
          .filter((n) => n !== 'kube-root-ca.crt');
      await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: 'before' } } });
      await until('"before" via the watch', 10_000, () => names().includes('before') || undefined);
      const listsBefore = cache.stats.lists;
      // --settle: return only when the controllers, scheduler and kwok work again, so the tests after this one
      // do not race client-go's reconnect backoff.
      execFileSync('bash', [requireEnv('SHIPSHAPE_TEST_KUBE_RESTART_APISERVER'), '--settle'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 240_000 });
      await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: 'after' } } });
      await admin.json(`/api/v1/namespaces/${ns}/configmaps/before`, { method: 'DELETE' });
      await until('"after" added and "before" deleted via the watch', 60_000, () => (names().join() === 'after' ? true : undefined));
      assert.ok(cache.stats.resumes >= 1, `watch resumed (${JSON.stringify(cache.stats)})`);
      // Resumed, not re-listed: the events came from the resourceVersion it had (unless the server said 410).
      assert.equal(cache.stats.lists - listsBefore, cache.stats.relists410, JSON.stringify(cache.stats));
      assert.equal(cache.watchError, undefined);
    } finally {
      cache.stop();
      await cleanup();
    }
  },
  'exclusive',
);

liveTest('a watch re-lists when its resourceVersion is too old (410 Gone)', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-gone');
  const cache = new ResourceCache(admin, kindByName('configmaps')!, { namespace: ns, debounceMs: 0, watchTimeoutSeconds: 1 });
  try {
    await cache.start();
    await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: 'one' } } });
    await until('"one"', 10_000, () => cache.get('one', ns) || undefined);
    // Make the next resume ask for a resourceVersion the server no longer has: the apiserver answers 410.
    // (and cut the open watch so the resume happens now, before a new event refreshes the version).
    const internals = cache as unknown as { resourceVersion: string; abort?: AbortController };
    internals.resourceVersion = '1';
    internals.abort?.abort();
    await until('the 410 re-list', 20_000, () => cache.stats.relists410 >= 1 || undefined);
    await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: 'two' } } });
    await until('"two" after the re-list', 30_000, () => cache.get('two', ns) || undefined);
    assert.equal(cache.stats.relists410, 1);
  } finally {
    cache.stop();
    await cleanup();
  }
});

liveTest('every CRD is listed under Custom Resources with its instances, live', { skip: kubeSkip, timeout: 90_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-crd');
  const group = `t${id()}.shipshape.test`;
  const crdName = `widgets.${group}`;
  const model = new ExplorerModel(loadKubeconfigs([requireEnv('KUBECONFIG')]), { policy: { allowPlugins: false } });
  try {
    await admin.json('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      method: 'POST',
      body: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: crdName },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
        },
      },
    });
    await until('CRD Established', 30_000, async () => {
      const crd = await admin.json<{ status?: { conditions?: { type: string; status: string }[] } }>(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}`);
      return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') || undefined;
    });
    const ctx = await child(model, undefined, 'shipshape-admin');
    model.setNamespace(ns, 'shipshape-admin');
    const crds = await child(model, ctx, 'Custom Resources');
    const widgets = await child(model, crds, `Widget (${group})`);
    assert.deepEqual((await model.children(widgets)).map(labelOf), ['None']);
    await admin.json(`/apis/${group}/v1/namespaces/${ns}/widgets`, { method: 'POST', body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } } });
    const w1 = await until('instance w1 in the tree', 20_000, async () => (await model.children(widgets)).find((k) => labelOf(k) === 'w1'));
    assert.equal(w1.type === 'object' && w1.object.spec.size, 3);
  } finally {
    model.dispose();
    await admin.json(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}`, { method: 'DELETE' }).catch(() => undefined);
    await cleanup();
  }
});

liveTest('a broken or unreachable context marks only its own node; no kubeconfig says where it looked', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-broken-'));
  try {
    const extra = path.join(dir, 'extra.yaml');
    fs.writeFileSync(
      extra,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'down', cluster: { server: 'https://127.0.0.1:9' } }],
        users: [{ name: 'u', user: { token: 'x' } }],
        contexts: [
          { name: 'no-cluster', context: { cluster: 'missing', user: 'u' } },
          { name: 'unreachable', context: { cluster: 'down', user: 'u' } },
        ],
      }),
    );
    const model = new ExplorerModel(loadKubeconfigs([requireEnv('KUBECONFIG'), extra]), { policy: { allowPlugins: false } });
    try {
      const roots = await model.children();
      assert.deepEqual(roots.map(labelOf), ['shipshape-admin', 'shipshape-limited', 'no-cluster', 'unreachable']);
      const broken = await model.children(roots[2]);
      assert.match(labelOf(broken[0]!), /Context "no-cluster" names cluster "missing", which no kubeconfig defines/);
      const down = await model.children(roots[3]);
      assert.match(labelOf(down[0]!), /Cannot reach the cluster: .*ECONNREFUSED/);
      assert.ok(model.errors.has(roots[3]!.id));
      // The healthy context is untouched.
      assert.equal((await model.children(roots[0])).length, 9);
      assert.equal(model.errors.size, 2);
    } finally {
      model.dispose();
    }
    const empty = new ExplorerModel(loadKubeconfigs([path.join(dir, 'nope.yaml')]), { policy: { allowPlugins: false } });
    const msg = await empty.children();
    assert.equal(msg.length, 1);
    assert.match(labelOf(msg[0]!), /No Kubernetes contexts\. Looked in: .*nope\.yaml \(file not found\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

liveTest('status words and tones as kubectl shows them: Running, Pending, Completed (Job), CrashLoopBackOff', { skip: kubeSkip, timeout: 120_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-status');
  const cache = new ResourceCache(admin, kindByName('pods')!, { namespace: ns, debounceMs: 0 });
  try {
    await cache.start();
    const pod = (name: string) => cache.items().find((p) => p.metadata.name.startsWith(name));
    const statusOf = (name: string) => {
      const p = pod(name);
      return p ? podStatus({ ...p, kind: 'Pod' }) : undefined;
    };
    // Pending: nothing matches its node selector.
    await admin.json(`/api/v1/namespaces/${ns}/pods`, { method: 'POST', body: { metadata: { name: 'stuck' }, spec: { nodeSelector: { 'no-such-label': 'x' }, containers: [{ name: 'app', image: 'registry.invalid/x:1' }] } } });
    // Completed: a Job's pod runs to completion (kwok's stages finish Job pods).
    await admin.json(`/apis/batch/v1/namespaces/${ns}/jobs`, { method: 'POST', body: { metadata: { name: 'once' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'registry.invalid/x:1' }] } } } } });
    await createDeployment(admin, ns, 'crashy');
    const running = await until('crashy Running', 60_000, () => (statusOf('crashy')?.text === 'Running' ? pod('crashy') : undefined));
    assert.deepEqual({ ...statusOf('crashy') }, { text: 'Running', tone: 'ok', ready: '1/1', restarts: 0 });
    await until('stuck Pending', 30_000, () => (statusOf('stuck')?.text === 'Pending' ? true : undefined));
    assert.equal(statusOf('stuck')?.tone, 'progress');
    const done = await until('the Job pod Completed', 60_000, () => (statusOf('once')?.text === 'Completed' ? statusOf('once') : undefined));
    assert.equal(done.tone, 'done');
    // CrashLoopBackOff as a kubelet reports it (status written through the status subresource).
    await admin.json(`/api/v1/namespaces/${ns}/pods/${running!.metadata.name}/status`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          containerStatuses: [
            { name: 'app', image: 'registry.invalid/shipshape/app:1', imageID: '', ready: false, restartCount: 4, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } } },
          ],
        },
      },
    });
    const crash = await until('CrashLoopBackOff seen through the watch', 20_000, () => (statusOf('crashy')?.text === 'CrashLoopBackOff' ? statusOf('crashy') : undefined));
    assert.deepEqual({ ...crash }, { text: 'CrashLoopBackOff', tone: 'error', ready: '0/1', restarts: 4 });
    assert.match(describeLine({ ...pod('crashy')!, kind: 'Pod' }), /^CrashLoopBackOff · 0\/1 · 4 restarts · \d+s$/);
  } finally {
    cache.stop();
    await cleanup();
  }
});
