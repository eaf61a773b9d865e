// "Which path holds the pod spec of kind X": one answer per side, and the two sides give the same one
// (the client's module and the server's cannot import each other; this test holds them together).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atPodSpec, podContainers, podSpecPath } from '../../../client/src/kubernetes/resources/pod-spec';
import { setImageChange } from '../../../client/src/kubernetes/actions/workload';
import { kindByName } from '../../../client/src/kubernetes/resources/kinds';
import { POD_SPEC_KINDS, podSpecOf } from '../../../server/src/kubernetes/validation/pod-spec';

const KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'];

/** An object of `kind` whose pod spec (wherever the server says it is) holds one container. */
function objectWithContainer(kind: string, image: string) {
  const spec = { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }] };
  return { kind, metadata: { name: 'x' }, ...atPodSpec(kind, spec) };
}

test('client and server agree on the pod spec path of every kind, and on which kinds have one', () => {
  assert.deepEqual([...POD_SPEC_KINDS].sort(), [...KINDS].sort());
  for (const kind of KINDS) {
    const object = objectWithContainer(kind, 'nginx:1.27');
    assert.deepEqual(podSpecOf(kind, object)?.path, [...podSpecPath(kind)!], kind);
    assert.deepEqual(
      podContainers(kind, object).map((c) => `${c.name}=${c.image}:${c.ports?.[0]?.containerPort}`),
      ['app=nginx:1.27:8080'],
      kind,
    );
  }
  for (const kind of ['Service', 'ConfigMap', 'constructor', '__proto__', 'toString']) {
    assert.equal(podSpecPath(kind), undefined, kind);
    assert.deepEqual(podContainers(kind, { metadata: { name: 'x' }, spec: { containers: [{ name: 'a' }] } }), [], kind);
    assert.throws(() => atPodSpec(kind, {}), /has no pod spec/);
  }
});

test('an object without its pod spec, or with a malformed one, has no containers', () => {
  assert.deepEqual(podContainers('Deployment', { metadata: { name: 'x' } }), []);
  assert.deepEqual(podContainers('Deployment', { metadata: { name: 'x' }, spec: { template: 'text' } }), []);
  assert.deepEqual(podContainers('CronJob', { metadata: { name: 'x' }, spec: { jobTemplate: { spec: { template: { spec: { containers: 'app' } } } } } }), []);
});

test("set image patches the container at the kind's pod spec, as kubectl set image does", () => {
  const body = (kind: string) => setImageChange({ kind: kindByName(kind)!, namespace: 'ns', name: 'web' }, 'app', 'web:2').body;
  const containers = [{ name: 'app', image: 'web:2' }];
  assert.deepEqual(body('Pod'), { spec: { containers } });
  assert.deepEqual(body('Deployment'), { spec: { template: { spec: { containers } } } });
  assert.deepEqual(body('DaemonSet'), { spec: { template: { spec: { containers } } } });
  assert.deepEqual(body('CronJob'), { spec: { jobTemplate: { spec: { template: { spec: { containers } } } } } });
});
