/**
 * The Swarm section and its commands against a real one-node swarm manager (test/infra/docker/swarm.sh): a stack
 * is deployed through the extension's own code (swarm-actions.ts, which runs `docker stack deploy`), seen in the
 * tree model (swarm-tree.ts, the rows the explorer shows), scaled, given a new image, rolled back, its logs read,
 * a node drained and activated, then removed. The docker CLI (`docker stack ps`, `docker service ls`,
 * `docker node ls`) says what the engine holds. Skips only without a docker CLI outside CI.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { connectEngine, type Engine } from '../../client/src/docker/engine';
import { cliEnv, deployStack, removeStack, rollbackService, scaleService, serviceLogs, setNodeAvailability, stackContents, updateServiceImage } from '../../client/src/docker/swarm-actions';
import { loadSwarmInfo, notManagerReason } from '../../client/src/docker/swarm-model';
import { swarmChildren, swarmRow, type SwarmNode } from '../../client/src/docker/swarm-tree';
import { resolveProgram } from '../../client/src/docker/compose-cli';
import { sh, startSwarm, type TestSwarm } from './swarm-support';

const IMAGE = process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1';
const V2 = 'shipshape-test/busybox:swarm-v2';
// test/infra/docker installs the engine itself (apt); the docker CLI is what this machine must bring.
const skip = !resolveProgram('docker') && process.env.CI !== 'true' ? 'no docker CLI on PATH' : false;

let swarm: TestSwarm | undefined;
let engine: Engine;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-swarm-explorer-'));
const STACK = `sx${process.pid}`;

const env = () => ({ ...process.env, DOCKER_HOST: swarm!.host, DOCKER_CONTEXT: '' });
const docker = (...args: string[]) => {
  const r = sh('docker', args, env());
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > end) assert.fail(`${what}: still ${JSON.stringify(last)} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `docker service ls` as the oracle: name → replicas ("2/2") and image. */
function serviceLs(): Map<string, { replicas: string; image: string }> {
  const out = docker('service', 'ls', '--filter', `label=com.docker.stack.namespace=${STACK}`, '--format', '{{.Name}}\t{{.Replicas}}\t{{.Image}}');
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, replicas, image] = l.split('\t');
        return [name!, { replicas: replicas!, image: image! }];
      }),
  );
}

const find = (rows: SwarmNode[], label: string) => rows.find((r) => swarmRow(r).label === label);

before(
  () => {
    if (skip) return;
    swarm = startSwarm();
    engine = connectEngine({ env: { DOCKER_HOST: swarm.host } });
    docker('image', 'tag', IMAGE, V2);
  },
  { timeout: 1_200_000 },
);

after(async () => {
  if (swarm) {
    await removeStack(engine.docker, STACK).catch(() => undefined);
    swarm.stop();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

test('a stack deployed, browsed, scaled, updated, rolled back, logged and removed on a real swarm', { skip, timeout: 600_000 }, async () => {
  const d = engine.docker;
  assert.equal((await loadSwarmInfo(d)).role, 'manager');
  // a plain engine is refused with a reason before anything is asked
  const plain = connectEngine({ env: { DOCKER_HOST: swarm!.plainHost } });
  assert.match(notManagerReason(await loadSwarmInfo(plain.docker), swarm!.plainHost) ?? '', /not part of a swarm .*docker swarm init/);

  const file = path.join(work, 'docker-stack.yml');
  fs.writeFileSync(path.join(work, 'token.txt'), 'not-shown\n');
  fs.writeFileSync(
    file,
    `services:
  web:
    image: ${IMAGE}
    command: ["sh", "-c", "echo hello-from-web; exec sleep 3600"]
    deploy:
      replicas: 2
      update_config: { parallelism: 2, delay: 0s }
      rollback_config: { parallelism: 2, delay: 0s }
    networks: [back]
    secrets: [token]
    configs: [settings]
  worker:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    networks: [back]
networks:
  back:
    driver: overlay
secrets:
  token:
    file: ./token.txt
configs:
  settings:
    file: ./token.txt
`,
  );
  const out: string[] = [];
  const deployed = await deployStack(file, STACK, { resolveImage: 'never', env: cliEnv(engine.target, env()), onOutput: (t) => out.push(t) });
  assert.equal(deployed.code, 0, deployed.output);
  assert.match(out.join(''), new RegExp(`Creating service ${STACK}_web`));

  const web = `${STACK}_web`;
  await until('docker service ls', serviceLs, (m) => m.get(web)?.replicas === '2/2' && m.get(`${STACK}_worker`)?.replicas === '1/1');

  // the tree: Swarm → groups → the stack → its services → tasks, and nodes, secrets, configs, networks
  const groups = await swarmChildren(d, { kind: 'swarm' });
  assert.deepEqual(
    groups.map((g) => swarmRow(g).label),
    ['Nodes', 'Stacks', 'Services (no stack)', 'Secrets', 'Configs', 'Networks'],
  );
  const [nodesG, stacksG, , secretsG, configsG, networksG] = groups as SwarmNode[];
  const nodes = await swarmChildren(d, nodesG!);
  assert.equal(nodes.length, 1);
  const nodeRow = swarmRow(nodes[0]!);
  const nodeLs = docker('node', 'ls', '--format', '{{.Hostname}}\t{{.Availability}}\t{{.Status}}\t{{.EngineVersion}}').split('\t');
  assert.equal(nodeRow.label, nodeLs[0]);
  assert.equal(nodeRow.description, `manager (leader) · ${nodeLs[1]!.toLowerCase()} · ${nodeLs[2]!.toLowerCase()} · engine ${nodeLs[3]}`);

  const stack = await until(
    'the stack row',
    async () => find(await swarmChildren(d, stacksG!), STACK),
    (s) => !!s && swarmRow(s).description === '2 services · 3/3 running',
  );
  const services = await swarmChildren(d, stack!);
  assert.deepEqual(
    services.map((s) => swarmRow(s).label),
    ['web', 'worker'],
  );
  const webNode = services[0]!;
  assert.equal(swarmRow(webNode).description, `replicated 2/2 · ${IMAGE}`);
  const tasks = await swarmChildren(d, webNode);
  // `docker stack ps` lists the same tasks, on the same node, in the same state
  const ps = docker('stack', 'ps', STACK, '--filter', 'desired-state=running', '--format', '{{.Name}}\t{{.Node}}\t{{.CurrentState}}')
    .split('\n')
    .filter((l) => l.startsWith(`${web}.`));
  const running = tasks.filter((t) => t.kind === 'task' && t.item.desiredState === 'running');
  assert.equal(running.length, ps.length);
  for (const t of running) {
    const row = swarmRow(t);
    assert.match(row.label, /^#[12] running$/);
    assert.ok(
      ps.some((l) => l.startsWith(`${web}.${row.label.slice(1, 2)}\t${row.description!.split(' · ')[0]}\tRunning`)),
      `${row.label} ${row.description} in\n${ps.join('\n')}`,
    );
    assert.ok(t.kind === 'task' && t.item.containerId, 'a running task names its container');
  }
  const secrets = await swarmChildren(d, secretsG!);
  assert.ok(find(secrets, `${STACK}_token`));
  const configs = await swarmChildren(d, configsG!);
  const config = find(configs, `${STACK}_settings`);
  assert.ok(config);
  assert.ok(!JSON.stringify(config).includes('not-shown') && !JSON.stringify(secrets).includes('not-shown'), 'no secret or config data in the tree');
  assert.ok(find(await swarmChildren(d, networksG!), `${STACK}_back`));

  // scale
  const webId = webNode.kind === 'service' ? webNode.item.id : '';
  await scaleService(d, webId, 3);
  await until('docker service ls after scale', serviceLs, (m) => m.get(web)?.replicas === '3/3');
  const scaled = await until(
    'the web row after scale',
    async () => (await swarmChildren(d, stack!))[0]!,
    (s) => swarmRow(s).description!.startsWith('replicated 3/3'),
  );
  assert.ok(scaled);

  // update the image, then roll back
  await updateServiceImage(d, webId, V2);
  await until('docker service ls after the update', serviceLs, (m) => m.get(web)?.image === V2 && m.get(web)?.replicas === '3/3');
  await until(
    'docker stack ps: running tasks of the new image',
    () => docker('stack', 'ps', STACK, '--filter', 'desired-state=running', '--format', '{{.Name}} {{.Image}}'),
    (o) => o.split('\n').filter((l) => l.startsWith(`${web}.`) && l.endsWith(V2)).length === 3,
  );
  await rollbackService(d, webId);
  await until('docker service ls after the rollback', serviceLs, (m) => m.get(web)?.image === IMAGE && m.get(web)?.replicas === '3/3');
  const rolledBack = await until(
    'the web row after the rollback',
    async () => swarmRow((await swarmChildren(d, stack!))[0]!).description!,
    (desc) => /update rollback_completed/.test(desc),
  );
  assert.match(rolledBack, new RegExp(`· ${IMAGE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} · update rollback_completed`));
  await assert.rejects(rollbackService(d, (services[1] as { item: { id: string } }).item.id), /has no previous version/);

  // logs of all tasks, bounded by tail
  let text = '';
  await serviceLogs(d, webId, { follow: false, tail: 50 }, (t) => (text += t));
  assert.match(text, /hello-from-web/);

  // drain and activate the node (docker node ls says so)
  const nodeId = nodes[0]!.kind === 'swarmNode' ? nodes[0]!.item.id : '';
  await setNodeAvailability(d, nodeId, 'drain');
  assert.equal(docker('node', 'inspect', nodeId, '--format', '{{.Spec.Availability}}'), 'drain');
  await setNodeAvailability(d, nodeId, 'active');
  assert.equal(docker('node', 'inspect', nodeId, '--format', '{{.Spec.Availability}}'), 'active');

  // remove: nothing of the stack is left (the CLI finds no services, networks, secrets or configs)
  const removed = await removeStack(d, STACK, { networkWaitMs: 60_000 });
  assert.deepEqual(removed.failed, []);
  assert.deepEqual(removed.removed.services.sort(), [web, `${STACK}_worker`]);
  assert.deepEqual(await stackContents(d, STACK), { services: [], networks: [], secrets: [], configs: [] });
  for (const kind of ['service', 'network', 'secret', 'config']) assert.equal(docker(kind, 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${STACK}`), '', kind);
  assert.equal(find(await swarmChildren(d, stacksG!), STACK), undefined);
});

test('service logs are bounded as container logs are: the last N lines of each task, and a follow ends when aborted', { skip, timeout: 300_000 }, async () => {
  const stack = `logs${process.pid}`;
  const dir = path.join(work, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'docker-stack.yml');
  // two tasks that each print 3,000 numbered lines, then wait
  fs.writeFileSync(file, `services:\n  chatty:\n    image: ${IMAGE}\n    command: ["sh", "-c", "seq 1 3000 | sed 's/^/line-/'; exec sleep 3600"]\n    deploy:\n      replicas: 2\n`);
  try {
    const deployed = await deployStack(file, stack, { resolveImage: 'never', env: cliEnv(engine.target, env()) });
    assert.equal(deployed.code, 0, deployed.output);
    const id = docker('service', 'inspect', `${stack}_chatty`, '--format', '{{.ID}}');
    const read = async () => {
      let text = '';
      await serviceLogs(engine.docker, id, { follow: false, tail: 100 }, (t) => (text += t));
      return text.split('\n').filter((l) => /line-\d+/.test(l));
    };
    // both tasks have written everything once each one's last line is there
    const lines = await until('both tasks logged line-3000', read, (l) => l.filter((x) => x.endsWith('line-3000')).length === 2);
    assert.equal(lines.length, 200, 'the last 100 lines of each of the two tasks');
    assert.equal(lines.filter((l) => l.endsWith('line-2901')).length, 2);
    assert.ok(!lines.some((l) => l.endsWith('line-2900')));
    // following: the stream ends when the terminal closes (the abort signal), not when the service stops
    const abort = new AbortController();
    let followed = '';
    const following = serviceLogs(engine.docker, id, { follow: true, tail: 1 }, (t) => (followed += t), abort.signal);
    await until(
      'the followed last lines',
      () => followed,
      (t) => (t.match(/line-3000/g) ?? []).length === 2,
      30_000,
    );
    abort.abort();
    await following;
  } finally {
    await removeStack(engine.docker, stack).catch(() => undefined);
  }
});

test('deploy options: --prune removes the services the file dropped; --with-registry-auth lets the swarm pull behind a login', { skip, timeout: 300_000 }, async () => {
  const stack = `opts${process.pid}`;
  const dir = path.join(work, 'opts');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'docker-stack.yml');
  const names = () => docker('service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '--format', '{{.Name}}').split('\n').filter(Boolean).sort();
  // a registry with basic auth (test/infra/docker), logged in through a private docker config, and an image only there
  const registry = process.env.SHIPSHAPE_TEST_REGISTRY_AUTH;
  assert.ok(registry, 'SHIPSHAPE_TEST_REGISTRY_AUTH (docker.env)');
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-swarm-auth-'));
  const authed = { ...env(), DOCKER_CONFIG: config };
  const private_ = `${registry}/shipshape/swarm-private-${process.pid}:1`;
  const login = sh('docker', ['login', registry, '-u', process.env.SHIPSHAPE_TEST_REGISTRY_USER ?? '', '-p', process.env.SHIPSHAPE_TEST_REGISTRY_PASSWORD ?? ''], authed);
  assert.equal(login.code, 0, login.stderr);
  docker('image', 'tag', IMAGE, private_);
  assert.equal(sh('docker', ['push', private_], authed).code, 0);
  docker('image', 'rm', private_);
  try {
    const opts = { resolveImage: 'never' as const, env: cliEnv(engine.target, authed) };
    fs.writeFileSync(file, `services:\n  a:\n    image: ${IMAGE}\n    command: ["sleep", "3600"]\n  b:\n    image: ${IMAGE}\n    command: ["sleep", "3600"]\n`);
    assert.equal((await deployStack(file, stack, opts)).code, 0);
    assert.deepEqual(names(), [`${stack}_a`, `${stack}_b`]);
    // b dropped, and a from the private registry: without --prune b stays
    fs.writeFileSync(file, `services:\n  a:\n    image: ${private_}\n    command: ["sleep", "3600"]\n`);
    assert.equal((await deployStack(file, stack, { ...opts, withRegistryAuth: true })).code, 0);
    assert.deepEqual(names(), [`${stack}_a`, `${stack}_b`]);
    assert.equal((await deployStack(file, stack, { ...opts, withRegistryAuth: true, prune: true })).code, 0);
    assert.deepEqual(names(), [`${stack}_a`]);
    // the swarm pulled the private image with the credentials the deploy sent, and runs it
    await until(
      'a running task of the private image',
      () => docker('service', 'ps', `${stack}_a`, '--filter', 'desired-state=running', '--format', '{{.Image}} {{.CurrentState}}'),
      (o) => o.split('\n').some((l) => l.startsWith(`${private_} Running`)),
    );
  } finally {
    await removeStack(engine.docker, stack).catch(() => undefined);
    fs.rmSync(config, { recursive: true, force: true });
  }
});
