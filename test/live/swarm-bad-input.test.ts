/**
 * Bad input for stacks on a real one-node swarm (test/infra/docker/swarm.sh), through the extension's own code
 * (swarm-actions.ts and swarm-model.ts, which the Deploy Stack command and the explorer run):
 * - a plain engine: the reason names it no manager, with the engine's refusal word for word as the docker CLI prints it;
 * - a stack of 1,000 services: with one refused key, `docker stack deploy` refuses it before creating anything (naming
 *   the key; Shipshape flags it on its service's line), and the failure says nothing was created; valid, it is deployed, the tree's stack row
 *   counts 1,000 services, and removing it leaves nothing;
 * - the engine stops mid-deploy (killed at the tenth service the CLI creates): the failure gives the
 *   CLI's error and every object it had started, says the engine cannot be asked; the watcher the explorer uses reports
 *   the engine down, then up once it is started again; the stack holds no service the failure did not name, and is
 *   removed completely.
 * Skips only without a docker CLI outside CI.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { resolveProgram } from '../../client/src/docker/compose-cli';
import { connectEngine } from '../../client/src/docker/engine';
import { EngineWatcher, type EngineState } from '../../client/src/docker/events';
import { cliEnv, deploySteps, deployStack, describeFailedDeploy, removeStack, stackContents } from '../../client/src/docker/swarm-actions';
import { managerProblem, STACK_LABEL } from '../../client/src/docker/swarm-model';
import { swarmChildren, swarmRow } from '../../client/src/docker/swarm-tree';
import { extraLine, manyServicesStack } from '../support/stack-files';
import { validateText } from '../unit/compose/support';
import { sh, startSwarm, type TestSwarm } from './swarm-support';

const IMAGE = process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1';
const skip = !resolveProgram('docker') && process.env.CI !== 'true' ? 'no docker CLI on PATH' : false;

let swarm: TestSwarm | undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-swarm-bad-'));
const env = () => ({ ...process.env, DOCKER_HOST: swarm!.host, DOCKER_CONTEXT: '' });
const engine = () => connectEngine({ env: { DOCKER_HOST: swarm!.host } });
const write = (name: string, text: string) => {
  const file = path.join(work, name, 'docker-stack.yml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};
const deploy = (file: string, name: string, onOutput?: (t: string) => void) => deployStack(file, name, { resolveImage: 'never', env: cliEnv(engine().target, env()), onOutput });
const ls = (kind: string, stack: string) =>
  sh('docker', [kind, 'ls', '--filter', `label=${STACK_LABEL}=${stack}`, '--format', '{{.Name}}'], env())
    .stdout.split('\n')
    .filter(Boolean);

before(
  () => {
    if (!skip) swarm = startSwarm();
  },
  { timeout: 1_200_000 },
);

after(() => {
  swarm?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

test('a plain engine: no manager, in the words the engine gives the docker CLI', { skip, timeout: 60_000 }, async () => {
  const plain = connectEngine({ env: { DOCKER_HOST: swarm!.plainHost } });
  const reason = await managerProblem(plain.docker, swarm!.plainHost);
  const cli = sh('docker', ['stack', 'ls'], { ...process.env, DOCKER_HOST: swarm!.plainHost, DOCKER_CONTEXT: '' });
  assert.notEqual(cli.code, 0);
  const engineSays = /Error response from daemon: (.*)/.exec(cli.stderr)?.[1]?.trim();
  assert.ok(engineSays, cli.stderr);
  assert.equal(reason, `The engine at ${swarm!.plainHost} is not part of a swarm (state inactive): \`docker swarm init\` makes it a one-node swarm manager. The engine says: "${engineSays}"`);
  assert.equal(await managerProblem(engine().docker, swarm!.host), undefined);
});

test('1,000 services: refused whole on the service Shipshape flags; valid, deployed, counted and removed', { skip, timeout: 900_000 }, async () => {
  const stack = `big${process.pid}`;
  const extra = { 777: 'mem_limit: 512m' };
  const refusedText = manyServicesStack(1000, IMAGE, extra);
  const refused = write('refused', refusedText);
  const findings = validateText(refused, refusedText).filter((f) => f.severity === 1);
  assert.deepEqual(
    findings.map((f) => `${f.range.start.line} ${String(f.code)}`),
    [`${extraLine(777, extra)} StackForbiddenKey`],
  );
  const res = await deploy(refused, stack);
  assert.notEqual(res.code, 0);
  // docker names the key, not the service: Shipshape's finding above is on the service's line
  assert.match(res.output, /unsupported options:\s+mem_limit: /);
  const said = await describeFailedDeploy(engine().docker, stack, res);
  assert.match(said, new RegExp(`^docker stack deploy of ${stack} failed \\(exit 1\\): .*mem_limit.* It had created nothing\\. Stack ${stack} now holds nothing on the engine\\.$`));
  assert.deepEqual(ls('service', stack), []);

  const valid = write('valid', manyServicesStack(1000, IMAGE));
  const done = await deploy(valid, stack);
  assert.equal(done.code, 0, done.output.slice(-2000));
  assert.equal(deploySteps(done.output).filter((s) => s.kind === 'service' && s.action === 'create').length, 1000);
  assert.equal(ls('service', stack).length, 1000);
  const d = engine().docker;
  const stacks = await swarmChildren(d, { kind: 'swarmGroup', group: 'stacks' });
  const row = stacks.map(swarmRow).find((r) => r.label === stack);
  assert.equal(row?.description, '1000 services · 0/0 running');
  const removed = await removeStack(d, stack, { networkWaitMs: 120_000 });
  assert.deepEqual(removed.failed, []);
  assert.equal(removed.removed.services.length, 1000);
  assert.deepEqual(await stackContents(d, stack), { services: [], networks: [], secrets: [], configs: [] });
});

function next(w: EngineWatcher, pred: (s: EngineState) => boolean, ms: number): Promise<EngineState> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no matching engine state within ${ms} ms`)), ms);
    const on = (s: EngineState) => {
      if (!pred(s)) return;
      clearTimeout(t);
      w.off('state', on);
      resolve(s);
    };
    w.on('state', on);
  });
}

test('the engine stops mid-deploy: the failure names what was started, the watcher sees it go and come back', { skip, timeout: 600_000 }, async () => {
  const stack = `mid${process.pid}`;
  // a network, a secret and a config come first, then 401 services; the engine is killed at the tenth service
  const file = write(
    'mid',
    `${manyServicesStack(400, IMAGE).replace('services:\n', `services:\n  first:\n    image: ${IMAGE}\n    deploy: { replicas: 0 }\n    networks: [back]\n    secrets: [token]\n    configs: [settings]\n`)}networks:\n  back:\n    driver: overlay\nsecrets:\n  token:\n    file: ./token.txt\nconfigs:\n  settings:\n    file: ./token.txt\n`,
  );
  fs.writeFileSync(path.join(path.dirname(file), 'token.txt'), 'not-shown\n');
  const ctl = process.env.SHIPSHAPE_DOCKER_ENGINE_CTL ?? path.resolve(__dirname, '../infra/docker/engine.sh');
  const runDir = process.env.SHIPSHAPE_DOCKER_RUN_DIR ?? process.env.SHIPSHAPE_RUN_DIR;
  assert.ok(runDir, 'the run dir of test/infra/docker');
  const pgid = Number(fs.readFileSync(path.join(runDir, 'docker/engines/swarm/dockerd.pgid'), 'utf8').trim());
  const watcher = new EngineWatcher(engine, { retryMs: 200, maxRetryMs: 1000 });
  const up = next(watcher, (s) => s.up, 30_000);
  watcher.start();
  try {
    await up;
    const down = next(watcher, (s) => !s.up, 60_000);
    let frozen = false;
    let seen = '';
    const res = await deploy(file, stack, (t) => {
      seen += t;
      if (frozen || (seen.match(/^Creating service /gm) ?? []).length < 10) return;
      frozen = true;
      // killed as a crash would, at once (a graceful stop lets the CLI's next calls through for a while)
      process.kill(-pgid, 'SIGKILL');
    });
    assert.ok(frozen, `the deploy never reached a service:\n${res.output}`);
    assert.notEqual(res.code, 0, res.output);
    const said = await describeFailedDeploy(engine().docker, stack, res);
    assert.match(
      said,
      new RegExp(
        `^docker stack deploy of ${stack} failed \\(exit 1\\): .+ Before it stopped it had started on 2 networks \\((${stack}_back, ${stack}_default|${stack}_default, ${stack}_back)\\), 1 secret \\(${stack}_token\\), 1 config \\(${stack}_settings\\), \\d+ services? \\(`,
      ),
    );
    assert.match(said, new RegExp(`What the engine holds of stack ${stack} is unknown: it cannot be asked \\(.+\\); the list above is what may exist once it is back\\.$`));
    const reason = (await down) as { reason: string };
    assert.match(reason.reason, /docker-swarm\.sock/);

    // back: the engine restarts on its data, still the swarm's manager
    const back = next(watcher, (s) => s.up, 120_000);
    execFileSync(ctl, ['stop', 'swarm'], { env: { ...process.env, SHIPSHAPE_RUN_DIR: runDir } });
    execFileSync(ctl, ['start', 'swarm'], { env: { ...process.env, SHIPSHAPE_RUN_DIR: runDir }, timeout: 120_000 });
    await back;
    const d = watcher.engine!.docker;
    let held: string[] = [];
    for (let i = 0; i < 120 && (await managerProblem(d, swarm!.host)) !== undefined; i++) await new Promise((r) => setTimeout(r, 500));
    held = (await stackContents(d, stack)).services;
    const started = new Set(deploySteps(res.output).map((s) => s.name));
    assert.ok(held.length >= 5 && held.length < 401, `half done: ${held.length} of 401 services`);
    assert.ok(
      held.every((s) => started.has(s)),
      `held but not reported: ${held.filter((s) => !started.has(s)).join(', ')}`,
    );
    const row = (await swarmChildren(d, { kind: 'swarmGroup', group: 'stacks' })).map(swarmRow).find((r) => r.label === stack);
    if (held.length) assert.match(row?.description ?? '', new RegExp(`^${held.length} services? ·`));
    const removed = await removeStack(d, stack, { networkWaitMs: 120_000 });
    assert.deepEqual(removed.failed, []);
    assert.deepEqual(await stackContents(d, stack), { services: [], networks: [], secrets: [], configs: [] });
  } finally {
    watcher.stop();
  }
});
