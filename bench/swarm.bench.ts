// Swarm: (1) edit → diagnostics on a generated 1,000-line stack file through the real language server over stdio,
// next to yaml-language-server 2.0.0 fed docker/cli's own stack schema (config_schema_v3.13.json) and to
// `docker stack config` (the docker CLI's loader: what a user runs to check a stack file without deploying it);
// (2) the Swarm tree's first page (Swarm → Stacks → a stack of 200 services × 5 tasks → its service rows, and a
// service's task rows) from a real one-node swarm manager (test/infra/docker/swarm.sh), next to `docker stack
// services` on the same stack. `npm run build` first. Prints one markdown section.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Docker from 'dockerode';
import { connectEngine } from '../client/src/docker/engine';
import { removeStack } from '../client/src/docker/swarm-actions';
import { STACK_LABEL } from '../client/src/docker/swarm-model';
import { swarmChildren, swarmRow, type SwarmNode } from '../client/src/docker/swarm-tree';
import { startSwarm } from '../test/live/swarm-support';
import { Client, cpuMs } from './support/lsp-client';
import { ms, stats, table } from './support/stats';

const REPO = path.resolve(__dirname, '..');
const SCHEMA = path.join(REPO, 'schemas/stack/config_schema_v3.13.json');
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const SERVICES = Number(process.env.BENCH_SWARM_SERVICES ?? 200);
const TASKS = 5;
const ROUNDS = 10;

/** A stack file of about `target` lines: services with the deploy section in full, overlay networks, secrets. */
export function generateStackFile(target: number): string {
  const out: string[] = ['services:'];
  let i = 0;
  while (out.length < target - 12) {
    out.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/svc${i}:1.${i}.0`,
      '    command: ["serve", "--port", "8080"]',
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    environment:',
      `      SERVICE_NAME: svc${i}`,
      '      LOG_LEVEL: ${LOG_LEVEL:-info}',
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]',
      '      interval: 30s',
      '    deploy:',
      '      mode: replicated',
      '      replicas: 2',
      '      placement:',
      '        constraints: ["node.role == worker"]',
      '        preferences:',
      '          - spread: node.labels.zone',
      '      resources:',
      '        limits: { cpus: "0.5", memory: 256M }',
      '      restart_policy:',
      '        condition: on-failure',
      '        max_attempts: 3',
      '      update_config:',
      '        parallelism: 1',
      '        order: start-first',
      '        failure_action: rollback',
      '    networks: [back]',
      '    secrets: [token]',
    );
    i++;
  }
  out.push('networks:', '  back:', '    driver: overlay', 'secrets:', '  token:', '    external: true');
  return `${out.join('\n')}\n`;
}

async function measureServer(label: string, command: string[], configuration: unknown, dir: string, text: string, versioned: boolean) {
  const child = spawn(command[0]!, command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: dir });
  const client = new Client(child, configuration);
  await client.initialize(dir, configuration);
  const uri = pathToFileURL(path.join(dir, 'docker-stack.yml')).toString();
  await client.open(uri, text);
  const lines = text.split('\n');
  const imageLine = lines.findIndex((l) => l.startsWith('    image: registry.example.com/team/svc7:'));
  const valueStart = lines[imageLine]!.indexOf('1.7.0');
  const timings: number[] = [];
  let cpuStart = 0;
  for (let i = 0; i < EDITS + 5; i++) {
    if (i === 5) cpuStart = cpuMs(child.pid!);
    const { ms: elapsed } = await client.edit(uri, imageLine, valueStart, valueStart + 5, `1.7.${(i % 9) + 1}`, versioned);
    if (i >= 5) timings.push(elapsed);
  }
  const cpuPerEdit = (cpuMs(child.pid!) - cpuStart) / EDITS;
  // what docker stack deploy refuses: a key the stack schema does not have
  const keyLine = imageLine + 1;
  const bad = await client.edit(uri, keyLine, 4, 11, 'comand', versioned);
  await client.stop();
  return { label, ...stats(timings), cpuPerEdit, caught: bad.diagnostics.some((d) => d.range.start.line === keyLine) };
}

/** The docker CLI's own check of the same edits: one `docker stack config` per edit. */
function measureCli(dir: string, text: string) {
  const file = path.join(dir, 'cli-stack.yml');
  const timings: number[] = [];
  for (let i = 0; i < EDITS + 5; i++) {
    fs.writeFileSync(file, text.replace(/svc7:1\.7\.0/, `svc7:1.7.${(i % 9) + 1}`));
    const started = performance.now();
    const r = spawnSync('docker', ['stack', 'config', '-c', file], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: '' } });
    if (r.status !== 0) throw new Error(`docker stack config failed: ${r.stderr}`);
    if (i >= 5) timings.push(performance.now() - started);
  }
  fs.writeFileSync(file, text.replace(/(svc7:1\.7\.0\n) {4}command/, '$1    comand'));
  const caught = spawnSync('docker', ['stack', 'config', '-c', file], { encoding: 'utf8' }).status !== 0;
  const version = spawnSync('docker', ['version', '--format', '{{.Client.Version}}'], { encoding: 'utf8' }).stdout.trim();
  return { label: `docker stack config (docker CLI ${version}), a process per check`, ...stats(timings), cpuPerEdit: Number.NaN, caught };
}

async function createServices(docker: Docker, stack: string, image: string): Promise<void> {
  // An unsatisfiable constraint keeps every task pending: 1,000 real tasks on the manager, no containers.
  for (let i = 0; i < SERVICES; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, SERVICES - i) }, (_, k) =>
        docker.createService({
          Name: `${stack}_svc${i + k}`,
          Labels: { [STACK_LABEL]: stack },
          TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] }, Placement: { Constraints: ['node.labels.shipshape-bench == none'] } },
          Mode: { Replicated: { Replicas: TASKS } },
        }),
      ),
    );
  }
  const end = Date.now() + 300_000;
  for (;;) {
    const tasks = await docker.listTasks({ filters: { label: [`${STACK_LABEL}=${stack}`] } });
    if (tasks.length >= SERVICES * TASKS) return;
    if (Date.now() > end) throw new Error(`only ${tasks.length} of ${SERVICES * TASKS} tasks after 300 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function measureTree() {
  const swarm = startSwarm();
  const docker = connectEngine({ env: { DOCKER_HOST: swarm.host } }).docker;
  const stack = 'benchtree';
  try {
    console.error(`swarm bench: creating ${SERVICES} services × ${TASKS} tasks`);
    const created = performance.now();
    await createServices(docker, stack, process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1');
    const createdS = (performance.now() - created) / 1000;
    const engineVersion = (await docker.version()).Version;
    const page: number[] = [];
    const tasks: number[] = [];
    let rows = 0;
    let taskRows = 0;
    for (let round = 0; round < ROUNDS + 2; round++) {
      const started = performance.now();
      const groups = await swarmChildren(docker, { kind: 'swarm' });
      const stacks = await swarmChildren(docker, groups[1]!);
      const node = stacks.find((s) => swarmRow(s).label === stack) as SwarmNode;
      const services = (await swarmChildren(docker, node)).map((s) => ({ s, row: swarmRow(s) }));
      const elapsed = performance.now() - started;
      const t0 = performance.now();
      const taskList = (await swarmChildren(docker, services[0]!.s)).map(swarmRow);
      const taskElapsed = performance.now() - t0;
      if (round >= 2) {
        page.push(elapsed);
        tasks.push(taskElapsed);
      }
      rows = services.length;
      taskRows = taskList.length;
    }
    const cli: number[] = [];
    for (let round = 0; round < ROUNDS + 2; round++) {
      const started = performance.now();
      const r = spawnSync('docker', ['stack', 'services', stack], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: swarm.host } });
      if (r.status !== 0) throw new Error(`docker stack services failed: ${r.stderr}`);
      if (round >= 2) cli.push(performance.now() - started);
    }
    await removeStack(docker, stack);
    return { page: stats(page), tasks: stats(tasks), cli: stats(cli), rows, taskRows, createdS, engineVersion };
  } finally {
    await removeStack(docker, stack).catch(() => undefined);
    swarm.stop();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-swarm-'));
  const text = generateStackFile(1000);
  fs.writeFileSync(path.join(dir, 'docker-stack.yml'), text);
  const lineCount = text.split('\n').length - 1;
  const loadBefore = os.loadavg()[0]!;
  const shipshape = await measureServer('Shipshape', [process.execPath, path.join(REPO, 'bin/shipshape-language-server.js'), '--stdio'], { shipshape: {} }, dir, text, true);
  const yamlLs = await measureServer(
    'yaml-language-server 2.0.0 with docker/cli config_schema_v3.13.json',
    [process.execPath, path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    { yaml: { validate: true, format: { enable: false }, schemaStore: { enable: false }, schemaDownload: { enable: false }, schemas: { [pathToFileURL(SCHEMA).toString()]: ['docker-stack.yml'] } } },
    dir,
    text,
    false,
  );
  const cli = measureCli(dir, text);
  fs.rmSync(dir, { recursive: true, force: true });
  const tree = await measureTree();
  const loadAfter = os.loadavg()[0]!;
  console.log(`## Swarm: stack file edit → diagnostics, and the Swarm tree of ${tree.rows} services × ${TASKS} tasks

**Edit → diagnostics.** A generated ${lineCount}-line stack file (\`docker-stack.yml\`, ${text.split('\n').filter((l) => /^ {2}svc\d+:$/.test(l)).length} services with the deploy section, an overlay
network, an external secret), opened in each server over stdio; then ${EDITS} single-value edits (an image tag), each
timed from \`didChange\` to the \`publishDiagnostics\` for it (5 warm-up edits not counted). A last edit misspells
\`command\`, which \`docker stack deploy\` refuses, to check that each one really validates. \`docker stack config\`
is the docker CLI's own loader (schema, interpolation, conversion) on the same edits, one process per check. Goal ≤ 20 ms median.

${table(
  ['checker', 'median ms', 'p95 ms', 'min ms', 'max ms', 'CPU ms per edit', 'n', 'caught the bad key'],
  [shipshape, yamlLs, cli].map((r) => [r.label, ms(r.median), ms(r.p95), ms(r.min), ms(r.max), Number.isNaN(r.cpuPerEdit) ? '–' : ms(r.cpuPerEdit), r.n, r.caught ? 'yes' : 'no']),
)}

Goal ≤ 20 ms: ${shipshape.median <= 20 ? 'met' : 'not met'} at the median (${ms(shipshape.median)} ms).

**Swarm tree first page.** On a real one-node swarm manager (test/infra/docker/swarm.sh, docker engine ${tree.engineVersion}), one stack
of ${tree.rows} services × ${TASKS} replicas (${tree.rows * TASKS} tasks, kept pending by a placement constraint no node meets, so no
containers run; created in ${tree.createdS.toFixed(0)} s). Timed: the explorer's own row functions (swarm-tree.ts) from the Swarm
section to the stack's ${tree.rows} service rows with their running/desired counts (Swarm → groups → Stacks → the stack → services),
and then one service's ${tree.taskRows} task rows; ${ROUNDS} rounds after 2 warm-ups. Next to it, \`docker stack services\` on the same stack. Goal ≤ 500 ms.

${table(
  ['what', 'median ms', 'p95 ms', 'min ms', 'max ms', 'n'],
  [
    [`Shipshape: Swarm → stack → ${tree.rows} service rows`, ms(tree.page.median), ms(tree.page.p95), ms(tree.page.min), ms(tree.page.max), tree.page.n],
    [`Shipshape: one service's ${tree.taskRows} task rows`, ms(tree.tasks.median), ms(tree.tasks.p95), ms(tree.tasks.min), ms(tree.tasks.max), tree.tasks.n],
    ['docker stack services (same stack)', ms(tree.cli.median), ms(tree.cli.p95), ms(tree.cli.min), ms(tree.cli.max), tree.cli.n],
  ],
)}

Goal ≤ 500 ms: ${tree.page.median <= 500 ? 'met' : 'not met'} at the median (${ms(tree.page.median)} ms). The machine (${os.cpus().length} CPUs) was shared with other
work: 1-minute load ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the run.
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
