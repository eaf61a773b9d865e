// Compose through its CLI against the real engine, once with each implementation the setting
// shipshape.docker.composeVersion can choose: `docker compose` (v2, the CLI plugin test/infra/docker
// builds) and `docker-compose` (v1, Debian's). Two services, an override file, .env, COMPOSE_FILE;
// up (all and chosen services), ps, logs, restart, down; and the explorer's grouping of the
// project's containers. Outside CI a machine without one of them skips that variant; CI=true fails.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeFilesFor, composeFilesForProject, composeServices, detectCompose, runCompose } from '../../client/src/docker/compose-cli';
import { loadContainerGroups } from '../../client/src/docker/explorer-model';
import { dockerSkip, liveEngine, testImage, uniqueName } from './docker-support';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-compose-'));
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  return dir;
}

const svc = (name: string, cmd: string) => `  ${name}:\n    image: \${TEST_IMAGE}\n    network_mode: none\n    command: ["sh", "-c", "trap 'exit 0' TERM; ${cmd}; while true; do sleep 0.2; done"]\n`;

test('compose file selection honours override files and COMPOSE_FILE', () => {
  const dir = project({ 'docker-compose.yml': 'services: {}\n', 'docker-compose.override.yml': 'services: {}\n', 'other.yml': 'services: {}\n' });
  try {
    const f = composeFilesFor(path.join(dir, 'docker-compose.yml'), {});
    assert.deepEqual(f.fileArgs, ['-f', path.join(dir, 'docker-compose.yml'), '-f', path.join(dir, 'docker-compose.override.yml')]);
    assert.deepEqual(composeFilesFor(path.join(dir, 'other.yml'), {}).fileArgs, ['-f', path.join(dir, 'other.yml')]);
    fs.writeFileSync(path.join(dir, '.env'), 'COMPOSE_FILE=other.yml:docker-compose.yml\n');
    const viaEnv = composeFilesFor(path.join(dir, 'other.yml'), {});
    assert.deepEqual(viaEnv.fileArgs, []); // the tool reads COMPOSE_FILE from .env itself
    assert.deepEqual(viaEnv.files, [path.join(dir, 'other.yml'), path.join(dir, 'docker-compose.yml')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const answers = (cmd: string, args: string[]) => new Promise<boolean>((r) => execFile(cmd, args, (err) => r(!err)));
const IMPLS = {
  v2: { cmd: 'docker', args: ['compose', 'version'], missing: '`docker compose` (v2 plugin) does not run: test/infra/docker/up.sh builds it and sets DOCKER_CONFIG' },
  v1: { cmd: 'docker-compose', args: ['version'], missing: '`docker-compose` (v1) does not run: test/infra/docker/up.sh installs it' },
} as const;

test('compose detection: auto picks v2 when the plugin answers, else v1; the setting forces either', { skip: dockerSkip }, async () => {
  const v2 = await answers(IMPLS.v2.cmd, [...IMPLS.v2.args]);
  const v1 = await answers(IMPLS.v1.cmd, [...IMPLS.v1.args]);
  if (process.env.CI === 'true') assert.ok(v2 && v1, `CI needs both Compose implementations (v2: ${v2}, v1: ${v1})`);
  assert.equal((await detectCompose())?.kind, v2 ? 'v2' : v1 ? 'v1' : undefined);
  if (v2 && v1) {
    assert.equal((await detectCompose(process.env, 'v1'))?.kind, 'v1', 'v1 preferred by the setting');
    assert.equal((await detectCompose(process.env, 'v2'))?.kind, 'v2', 'v2 preferred by the setting');
  }
});

for (const impl of ['v2', 'v1'] as const) {
  test(`compose ${impl}: up/ps/logs/restart/down with two services, override and .env`, { skip: dockerSkip, timeout: 240_000 }, async (t) => {
    if (!(await answers(IMPLS[impl].cmd, [...IMPLS[impl].args]))) {
      assert.notEqual(process.env.CI, 'true', IMPLS[impl].missing); // CI=true: a missing implementation fails
      t.skip(IMPLS[impl].missing);
      return;
    }
    const engine = liveEngine();
    // the implementation the setting shipshape.docker.composeVersion would choose
    const tool = await detectCompose(process.env, impl);
    assert.equal(tool?.kind, impl, `composeVersion=${impl} picked ${tool?.kind}`);
    const name = uniqueName(`sscompose${impl}`);
    const dir = project({
      'docker-compose.yml': `version: "3.8"\nservices:\n${svc('web', 'echo web says $$GREETING')}${svc('worker', 'echo worker up')}`,
      // the override adds an environment variable the base file does not have
      'docker-compose.override.yml': 'version: "3.8"\nservices:\n  web:\n    environment:\n      GREETING: ${GREETING}\n',
      '.env': `TEST_IMAGE=${testImage()}\nGREETING=hello-from-dotenv\nCOMPOSE_PROJECT_NAME=${name}\n`,
    });
    const files = composeFilesFor(path.join(dir, 'docker-compose.yml'));
    const run = async (c: Parameters<typeof runCompose>[2]) => {
      const r = await runCompose(tool, files, c);
      assert.equal(r.code, 0, `${tool.command} ${c.cmd} failed:\n${r.output}`);
      return r.output;
    };
    try {
      assert.deepEqual((await composeServices(tool, files)).sort(), ['web', 'worker']);
      await run({ cmd: 'up', services: ['worker'] });
      let groups = await loadContainerGroups(engine.docker);
      let mine = groups.find((g) => g.project === name);
      assert.deepEqual(
        mine?.containers.map((c) => c.service),
        ['worker'],
      );

      await run({ cmd: 'up' });
      groups = await loadContainerGroups(engine.docker);
      mine = groups.find((g) => g.project === name);
      assert.ok(mine, `no group for project ${name}: ${JSON.stringify(groups.map((g) => g.project))}`);
      assert.deepEqual(mine.containers.map((c) => [c.service, c.state]).sort(), [
        ['web', 'running'],
        ['worker', 'running'],
      ]);
      assert.equal(mine.workingDir, dir);

      const ps = await run({ cmd: 'ps' });
      assert.match(ps, /web/);
      assert.match(ps, /worker/);

      let logs = '';
      for (let i = 0; i < 50 && !/hello-from-dotenv/.test(logs); i++) {
        logs = await run({ cmd: 'logs', services: ['web'] });
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(logs, /web says hello-from-dotenv/); // .env value via the override file
      assert.doesNotMatch(logs, /worker up/);

      const webId = mine.containers.find((c) => c.service === 'web')!.id;
      const before = (await engine.docker.getContainer(webId).inspect()).State.StartedAt;
      await run({ cmd: 'restart', services: ['web'] });
      assert.notEqual((await engine.docker.getContainer(webId).inspect()).State.StartedAt, before);

      // the explorer acts on a project from its containers' labels: same files, same project
      const fromLabels = composeFilesForProject(mine.workingDir!, mine.configFiles!);
      assert.deepEqual(fromLabels.files, [path.join(dir, 'docker-compose.yml'), path.join(dir, 'docker-compose.override.yml')]);
      const ps2 = await runCompose(tool, fromLabels, { cmd: 'ps' }, { projectName: name });
      assert.equal(ps2.code, 0, ps2.output);
      assert.match(ps2.output, new RegExp(`${name}[_-]web[_-]1`));

      const down = await runCompose(tool, fromLabels, { cmd: 'down' }, { projectName: name });
      assert.equal(down.code, 0, down.output);
      groups = await loadContainerGroups(engine.docker);
      assert.equal(
        groups.find((g) => g.project === name),
        undefined,
      );
    } finally {
      await runCompose(tool, files, { cmd: 'down', volumes: true }).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
