// The Swarm section's shaping without an engine: API answers → rows, stack names, the not-a-manager reasons.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStackName, defaultStackName, deploySteps } from '../../../client/src/docker/swarm-actions';
import { groupStacks, notManagerReason, shortImage, toServiceItem } from '../../../client/src/docker/swarm-model';
import { swarmRow } from '../../../client/src/docker/swarm-tree';

const digest = `sha256:${'a'.repeat(64)}`;

test('a service answer becomes a row with mode, running/desired, image without the pinned digest, ports and update state', () => {
  const s = toServiceItem({
    ID: 'abcdef1234567890',
    Version: { Index: 12 },
    Spec: { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop' }, Mode: { Replicated: { Replicas: 3 } }, TaskTemplate: { ContainerSpec: { Image: `nginx:1.27@${digest}` } } },
    Endpoint: { Ports: [{ PublishedPort: 8080, TargetPort: 80, Protocol: 'tcp', PublishMode: 'ingress' }] },
    UpdateStatus: { State: 'rollback_completed', Message: 'rollback completed' },
    ServiceStatus: { RunningTasks: 2, DesiredTasks: 3 },
  });
  assert.deepEqual([s.stack, s.mode, s.running, s.desired, s.image, s.version], ['shop', 'replicated', 2, 3, 'nginx:1.27', 12]);
  const row = swarmRow({ kind: 'service', item: s });
  assert.equal(row.label, 'web');
  assert.equal(row.description, 'replicated 2/3 · nginx:1.27 · 8080:80/tcp · update rollback_completed');
  assert.equal(row.contextValue, 'swarm.service.scalable');
  const global = toServiceItem({ ID: 'g', Spec: { Name: 'agent', Mode: { Global: {} } }, ServiceStatus: { RunningTasks: 1, DesiredTasks: 1 } });
  assert.equal(swarmRow({ kind: 'service', item: global }).contextValue, 'swarm.service');
  assert.equal(shortImage('busybox:1'), 'busybox:1');
});

test('stacks are the namespace labels of services, with their counts summed', () => {
  const svc = (name: string, stack: string | undefined, running: number, replicas: number) =>
    toServiceItem({ ID: name, Spec: { Name: name, Labels: stack ? { 'com.docker.stack.namespace': stack } : {}, Mode: { Replicated: { Replicas: replicas } } }, ServiceStatus: { RunningTasks: running } });
  const stacks = groupStacks([svc('b_x', 'b', 1, 1), svc('a_x', 'a', 0, 2), svc('a_y', 'a', 1, 1), svc('loose', undefined, 1, 1)]);
  assert.deepEqual(stacks, [
    { name: 'a', services: 2, running: 1, desired: 3 },
    { name: 'b', services: 1, running: 1, desired: 1 },
  ]);
});

test('stack names: the default comes from the file, and bad ones are refused before the CLI runs', () => {
  assert.equal(defaultStackName('/src/shop/docker-stack.yml'), 'shop');
  assert.equal(defaultStackName('/src/shop/stack.yaml'), 'shop');
  assert.equal(defaultStackName('/src/x/web.stack.yml'), 'web');
  assert.equal(defaultStackName('/src/x/Api-Stack.yml'), 'api');
  assert.equal(checkStackName('shop'), undefined);
  assert.match(checkStackName('my stack') ?? '', /not a valid stack name/);
  assert.match(checkStackName('') ?? '', /needs a name/);
});

test('an engine that is not a manager is refused with what to do', () => {
  assert.equal(notManagerReason({ role: 'manager' }, 'unix:///s'), undefined);
  assert.match(notManagerReason({ role: 'worker' }, 'unix:///s') ?? '', /worker, not a manager/);
  assert.match(notManagerReason({ role: 'inactive' }, 'unix:///s') ?? '', /not part of a swarm .*docker swarm init/);
});

test('a task row says its slot, state, node and error', () => {
  const row = swarmRow({ kind: 'task', item: { id: 't1234567890123', serviceId: 's', slot: 2, node: 'n1', state: 'rejected', desiredState: 'shutdown', error: 'No such image: x', updatedAt: '' } });
  assert.equal(row.label, '#2 rejected');
  assert.equal(row.description, 'n1 · desired shutdown · No such image: x');
  assert.equal(row.tone, 'bad');
});

test("what a deploy had started, from the CLI's own lines, in its order; other output is not a step", () => {
  const output =
    'Ignoring unsupported options: restart\n\nCreating network shop_back\nCreating secret shop_token\nCreating config shop_settings\nUpdating service shop_web (id: abc)\nCreating service shop_worker\nfailed to create service shop_db: error during connect\n';
  assert.deepEqual(
    deploySteps(output).map((s) => `${s.action} ${s.kind} ${s.name}`),
    ['create network shop_back', 'create secret shop_token', 'create config shop_settings', 'update service shop_web', 'create service shop_worker'],
  );
});
