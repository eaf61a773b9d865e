// The explorers' vscode-free models: the Kubernetes tree (client/src/kubernetes/explorer/model.ts) on the
// levels that need no API server (contexts, categories, kinds, containers; untrusted and unreachable
// clusters), the status words of its rows (explorer/status.ts), and the Docker tree's grouping
// (client/src/docker/explorer-model.ts). test/live/cluster-explorer.test.ts drives the kind level
// against a real API server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { containerName, formatBytes, groupContainers } from '../../../client/src/docker/explorer-model';
import { loadKubeconfigs } from '../../../client/src/kubernetes/cluster/kubeconfig';
import { ExplorerModel, type ExplorerNode } from '../../../client/src/kubernetes/explorer/model';
import { age, describeLine, objectStatus, podStatus } from '../../../client/src/kubernetes/explorer/status';
import { selectorOf } from '../../../client/src/kubernetes/logs/merged-logs';
import { BUILTIN_KINDS, kindByName } from '../../../client/src/kubernetes/resources/kinds';
import type { KubeObject } from '../../../client/src/kubernetes/resources/types';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-explorer-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

/** A kubeconfig on disk whose clusters nobody listens on (port 9 on loopback refuses at once). */
function kubeconfigFile(name: string, contexts: Array<{ name: string; namespace?: string }>): string {
  const file = path.join(tmp, name);
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${contexts[0]?.name ?? '""'}`,
    'clusters:',
    '- name: nowhere',
    '  cluster:',
    '    server: https://127.0.0.1:9',
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: u',
    '  user:',
    '    token: t',
    'contexts:',
  ];
  for (const c of contexts) lines.push(`- name: ${c.name}`, '  context:', '    cluster: nowhere', '    user: u', ...(c.namespace ? [`    namespace: ${c.namespace}`] : []));
  if (!contexts.length) lines.push('  []');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const trusted = { policy: { allowPlugins: false, allowNetwork: true } };

test("the root lists the kubeconfig's contexts; with none it says which files were read and what to do", async () => {
  const model = new ExplorerModel(loadKubeconfigs([kubeconfigFile('two.yaml', [{ name: 'dev', namespace: 'shop' }, { name: 'prod' }])]), trusted);
  const root = await model.children();
  assert.deepEqual(
    root.map((n) => n.id),
    ['ctx:dev', 'ctx:prod'],
  );
  assert.equal(model.current, 'dev');
  // Asking again hands back the same nodes (the tree keys on them).
  assert.equal((await model.children())[0], root[0]);

  const empty = kubeconfigFile('empty.yaml', []);
  const none = new ExplorerModel(loadKubeconfigs([empty]), trusted);
  const [message] = await none.children();
  assert.equal(message!.type, 'message');
  assert.match((message as Extract<ExplorerNode, { type: 'message' }>).text, new RegExp(`^No Kubernetes contexts\\. Looked in: ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*Set KUBECONFIG or shipshape\\.kubeconfigs\\.$`));
});

test('an untrusted workspace gets a message under each context and no connection attempt', async () => {
  const model = new ExplorerModel(loadKubeconfigs([kubeconfigFile('untrusted.yaml', [{ name: 'dev' }])]), { policy: { allowPlugins: false, allowNetwork: false } });
  const [context] = await model.children();
  const children = await model.children(context);
  assert.deepEqual(
    children.map((n) => n.type),
    ['message'],
  );
  assert.match((children[0] as Extract<ExplorerNode, { type: 'message' }>).text, /does not contact clusters from an untrusted workspace/);
  assert.equal(model.errors.size, 0);
});

test('an unreachable cluster marks its own context node with the error; the model stays usable', async () => {
  const model = new ExplorerModel(loadKubeconfigs([kubeconfigFile('down.yaml', [{ name: 'down' }, { name: 'other' }])]), trusted);
  const changed: Array<ExplorerNode | undefined> = [];
  model.on('change', (node) => changed.push(node));
  const [down] = await model.children();
  const children = await model.children(down);
  assert.equal(children.length, 1);
  const message = children[0] as Extract<ExplorerNode, { type: 'message' }>;
  assert.equal(message.error, true);
  assert.ok(model.errors.get('ctx:down'), 'the error is kept on the context node');
  assert.equal(model.errors.get('ctx:down'), message.text);
  assert.deepEqual(
    changed.map((n) => n?.id),
    ['ctx:down'],
  );
  assert.equal(model.errors.has('ctx:other'), false);
  model.dispose();
});

test("categories list their built-in kinds in the context's namespace; cluster-scoped kinds have none; a namespace choice survives a reload", async () => {
  const file = kubeconfigFile('ns.yaml', [{ name: 'dev', namespace: 'shop' }, { name: 'prod' }]);
  const model = new ExplorerModel(loadKubeconfigs([file]), trusted);
  const workloads: ExplorerNode = { type: 'category', id: 'ctx:dev/Workloads', context: 'dev', category: 'Workloads' };
  const kinds = (await model.children(workloads)) as Array<Extract<ExplorerNode, { type: 'kind' }>>;
  assert.deepEqual(
    kinds.map((k) => k.kind.kind),
    BUILTIN_KINDS.filter((k) => k.category === 'Workloads').map((k) => k.kind),
  );
  assert.ok(kinds.every((k) => k.namespace === 'shop'));
  assert.equal(kinds.find((k) => k.kind.kind === 'Deployment')!.id, 'ctx:dev/apps/deployments/shop');
  assert.equal(model.namespaceOf('prod'), 'default');

  model.setNamespace('payments', 'dev');
  const again = (await model.children(workloads)) as Array<Extract<ExplorerNode, { type: 'kind' }>>;
  assert.ok(again.every((k) => k.namespace === 'payments'));
  model.reload(loadKubeconfigs([file]));
  assert.equal(model.namespaceOf('dev'), 'payments');
  assert.equal(model.current, 'dev');

  const storage = (await model.children({ type: 'category', id: 'ctx:dev/Storage', context: 'dev', category: 'Storage' })) as Array<Extract<ExplorerNode, { type: 'kind' }>>;
  const pv = storage.find((k) => k.kind.kind === 'PersistentVolume');
  assert.ok(pv && pv.namespace === undefined && pv.id === 'ctx:dev//persistentvolumes/');
  assert.throws(() => model.switchContext('staging'), /Unknown context "staging"/);
  model.switchContext('prod');
  assert.equal(model.current, 'prod');
  model.dispose();
});

test('a pod row lists its init containers first, then its containers; other objects have no children', async () => {
  const model = new ExplorerModel(loadKubeconfigs([kubeconfigFile('pod.yaml', [{ name: 'dev' }])]), trusted);
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop' }, spec: { initContainers: [{ name: 'migrate' }], containers: [{ name: 'app' }, { name: 'sidecar' }] } };
  const row: ExplorerNode = { type: 'object', id: 'ctx:dev//pods/shop/shop/web-1', context: 'dev', kind: kindByName('Pod')!, object: pod };
  const containers = (await model.children(row)) as Array<Extract<ExplorerNode, { type: 'container' }>>;
  assert.deepEqual(
    containers.map((c) => [c.id, c.container, c.init]),
    [
      ['ctx:dev//pods/shop/shop/web-1/migrate', 'migrate', true],
      ['ctx:dev//pods/shop/shop/web-1/app', 'app', false],
      ['ctx:dev//pods/shop/shop/web-1/sidecar', 'sidecar', false],
    ],
  );
  assert.equal(model.findNode('ctx:dev//pods/shop/shop/web-1/app'), containers[1]);
  // A container removed from the spec is forgotten on the next listing.
  pod.spec!.containers = [{ name: 'app' }];
  pod.spec!.initContainers = [];
  await model.children(row);
  assert.equal(model.findNode('ctx:dev//pods/shop/shop/web-1/sidecar'), undefined);
  const deployment: ExplorerNode = { type: 'object', id: 'ctx:dev/apps/deployments/shop/shop/web', context: 'dev', kind: kindByName('Deployment')!, object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } } };
  assert.deepEqual(await model.children(deployment), []);
  model.dispose();
});

test('row status reads like kubectl get: a crash-looping pod says so, workloads count ready replicas', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const pod = (phase: string, statuses: unknown[], extra: Partial<KubeObject> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', creationTimestamp: '2026-01-01T11:55:00Z', ...extra.metadata },
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    status: { phase, containerStatuses: statuses },
  });
  const ready = { name: 'a', ready: true, restartCount: 0, state: { running: {} } };
  assert.deepEqual(podStatus(pod('Running', [ready, { name: 'b', ready: true, restartCount: 1 }])), { text: 'Running', tone: 'ok', ready: '2/2', restarts: 1 });
  assert.deepEqual(podStatus(pod('Running', [ready, { name: 'b', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }])), { text: 'CrashLoopBackOff', tone: 'error', ready: '1/2', restarts: 4 });
  assert.equal(podStatus(pod('Pending', [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }])).text, 'ContainerCreating');
  assert.equal(podStatus(pod('Running', [ready], { metadata: { name: 'p', deletionTimestamp: '2026-01-01T11:59:00Z' } })).text, 'Terminating');
  assert.equal(podStatus(pod('Succeeded', [])).tone, 'done');
  assert.equal(describeLine(pod('Running', [ready, { name: 'b', ready: false, restartCount: 1 }]), now), 'Running · 1/2 · 1 restart · 5m');

  const deployment = (replicas: number, readyReplicas?: number): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas }, status: { readyReplicas } });
  assert.deepEqual(objectStatus(deployment(3, 3)), { text: 'Available', tone: 'ok', ready: '3/3' });
  assert.deepEqual(objectStatus(deployment(3, 1)), { text: 'Progressing', tone: 'progress', ready: '1/3' });
  assert.equal(objectStatus(deployment(0)).text, 'Scaled to 0');
  const node = (readyStatus: string, unschedulable = false): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable }, status: { conditions: [{ type: 'Ready', status: readyStatus }] } });
  assert.deepEqual(objectStatus(node('True', true)), { text: 'Ready,SchedulingDisabled', tone: 'warning' });
  assert.deepEqual(objectStatus(node('False')), { text: 'NotReady', tone: 'error' });
  assert.deepEqual(objectStatus({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completions: 2 }, status: { succeeded: 2 } }), { text: 'Completed', tone: 'done', ready: '2/2' });
  assert.deepEqual([age('2026-01-01T11:59:30Z', now), age('2026-01-01T10:00:00Z', now), age('2025-12-25T12:00:00Z', now), age(undefined, now)], ['30s', '2h', '7d', '']);
});

test("a workload's selector as a label selector string, for its merged logs", () => {
  const workload = (selector: unknown): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { selector } });
  assert.equal(selectorOf(workload({ matchLabels: { app: 'web', tier: 'front' } })), 'app=web,tier=front');
  assert.equal(
    selectorOf(
      workload({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['x'] },
          { key: 'owner', operator: 'Exists' },
        ],
      }),
    ),
    'app=web,env in (a,b),!canary,zone notin (x),owner',
  );
  // A Service's selector is the plain map.
  assert.equal(selectorOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web' } } }), 'app=web');
  assert.equal(selectorOf(workload(undefined)), undefined);
  assert.equal(selectorOf(workload({ matchLabels: {} })), undefined);
});

test('Docker explorer: containers grouped by Compose project (sorted, loose ones last), published ports as docker ps shows them', () => {
  const info = (id: string, name: string, labels: Record<string, string>, ports: Docker.Port[] = []) =>
    ({
      Id: id,
      Names: [`/${name}`],
      Image: 'nginx',
      ImageID: 'sha256:1',
      Command: '',
      Created: 0,
      State: 'running',
      Status: 'Up 2 minutes',
      Labels: labels,
      Ports: ports,
      HostConfig: { NetworkMode: 'bridge' },
      NetworkSettings: { Networks: {} },
      Mounts: [],
    }) as Docker.ContainerInfo;
  const compose = (project: string, service: string) => ({
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.project.working_dir': `/src/${project}`,
    'com.docker.compose.project.config_files': `/src/${project}/compose.yaml,/src/${project}/compose.override.yaml`,
  });
  const groups = groupContainers([
    info('1', 'shop-web-1', compose('shop', 'web'), [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { PrivatePort: 443, Type: 'tcp' } as Docker.Port]),
    info('2', 'zeta', {}),
    info('3', 'blog-db-1', compose('blog', 'db')),
    info('4', 'alpha', {}),
    info('5', 'shop-db-1', compose('shop', 'db')),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.project, g.containers.map((c) => c.name)]),
    [
      ['blog', ['blog-db-1']],
      ['shop', ['shop-db-1', 'shop-web-1']],
      [undefined, ['alpha', 'zeta']],
    ],
  );
  const shop = groups[1]!;
  assert.equal(shop.workingDir, '/src/shop');
  assert.deepEqual(shop.configFiles, ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml']);
  assert.deepEqual(shop.containers[1]!.ports, ['0.0.0.0:8080->80/tcp', ':::8080->80/tcp']);
  assert.equal(shop.containers[1]!.service, 'web');
  assert.deepEqual(groupContainers([]), []);
  assert.equal(containerName({ Id: '0123456789abcdef', Names: [] } as unknown as Docker.ContainerInfo), '0123456789ab');
  assert.deepEqual([0, 999, 1000, 1_500_000, 25_000_000_000, -1, Number.NaN].map(formatBytes), ['0 B', '999 B', '1.0 KB', '1.5 MB', '25 GB', '?', '?']);
});
