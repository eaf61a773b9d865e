// ECS task definition validation after an edit, through the real server over stdio, on a generated 200-container
// file; next to botocore's own ParamValidator (what the AWS CLI checks before sending) on the same text.
// `npm run build` first; botocore comes from test/oracles/botocore/setup.sh (PyPI). Prints one markdown section.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { sourceFile } from '../server/src/core/source';
import { FileWorkspace } from '../server/src/core/workspace';
import { ecsSupport } from '../server/src/ecs';
import { Client, cpuMs } from './support/lsp-client';
import { ms, stats, table } from './support/stats';

const REPO = path.resolve(__dirname, '..');
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const CONTAINERS = 200;

/** A realistic EC2 task definition: each container with ports, environment, secrets, logs, a health check, dependencies. */
function generate(count: number): string {
  const containers = Array.from({ length: count }, (_, i) => ({
    name: `svc${i}`,
    image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/svc${i}:1.7.0`,
    essential: i === 0,
    cpu: 16,
    memory: 96,
    memoryReservation: 64,
    portMappings: [{ containerPort: 8000 + i, hostPort: 0, protocol: 'tcp' }],
    environment: [
      { name: 'PORT', value: String(8000 + i) },
      { name: 'SERVICE', value: `svc${i}` },
    ],
    secrets: [{ name: 'TOKEN', valueFrom: `arn:aws:ssm:eu-west-1:123456789012:parameter/team/svc${i}/token` }],
    dependsOn: i > 0 ? [{ containerName: `svc${i - 1}`, condition: 'START' }] : undefined,
    mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared', readOnly: i > 0 }],
    healthCheck: { command: ['CMD-SHELL', `curl -f http://localhost:${8000 + i}/health || exit 1`], interval: 30, timeout: 5, retries: 3 },
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/team', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': `svc${i}` } },
    dockerLabels: { team: 'platform', service: `svc${i}` },
  }));
  const task = { family: 'big', networkMode: 'bridge', requiresCompatibilities: ['EC2'], memory: String(count * 96), containerDefinitions: containers, volumes: [{ name: 'shared', host: { sourcePath: '/srv/shared' } }] };
  return `${JSON.stringify(task, null, 2)}\n`;
}

async function overStdio(dir: string, text: string) {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/shipshape-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: dir });
  const client = new Client(child, { shipshape: {} });
  await client.initialize(dir, { shipshape: {} });
  const uri = pathToFileURL(path.join(dir, 'big-task-definition.json')).toString();
  const first = await client.open(uri, text);
  const lines = text.split('\n');
  const imageLine = lines.findIndex((l) => l.includes('/team/svc100:1.7.0'));
  const valueStart = lines[imageLine].indexOf('1.7.0');
  const timings: number[] = [];
  let cpuStart = 0;
  for (let i = 0; i < EDITS + 5; i++) {
    if (i === 5) cpuStart = cpuMs(child.pid!);
    const { ms: elapsed, diagnostics } = await client.edit(uri, imageLine, valueStart, valueStart + 5, `1.7.${(i % 9) + 1}`, true);
    if (diagnostics.length) throw new Error(`unexpected findings: ${diagnostics.map((d) => d.code).join(', ')}`);
    if (i >= 5) timings.push(elapsed);
  }
  const cpuPerEdit = (cpuMs(child.pid!) - cpuStart) / EDITS;
  // It must really check the model: an unknown member on the same line's container is reported.
  const nameLine = lines.findIndex((l) => l.includes('"name": "svc100"'));
  const bad = await client.edit(uri, nameLine, 7, 11, 'nmae', true);
  await client.stop();
  const caught = bad.diagnostics.some((d) => d.code === 'EcsUnknownMember' && d.range.start.line === nameLine);
  console.error(`stdio: first diagnostics ${first.length}, after a bad key ${bad.diagnostics.length} (caught: ${caught})`);
  return { label: 'Shipshape over stdio (didChange → publishDiagnostics)', ...stats(timings), caught, cpuPerEdit };
}

function inProcess(dir: string, text: string) {
  const workspace = new FileWorkspace();
  const uri = pathToFileURL(path.join(dir, 'big-task-definition.json')).toString();
  const timings: number[] = [];
  for (let i = 0; i < EDITS + 5; i++) {
    const current = text.replace(':1.7.0', `:1.7.${(i % 9) + 1}`);
    const file = sourceFile(TextDocument.create(uri, 'json', i + 2, current), 'ecs', '1.36');
    const started = performance.now();
    void ecsSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace });
    if (i >= 5) timings.push(performance.now() - started);
  }
  const bad = sourceFile(TextDocument.create(uri, 'json', EDITS + 10, text.replace('"name": "svc100"', '"nmae": "svc100"')), 'ecs', '1.36');
  const caught = (ecsSupport.validate(bad, { settings: DEFAULT_SETTINGS, workspace }) as { code: string }[]).some((f) => f.code === 'EcsUnknownMember');
  return { label: 'Shipshape validate() in process (parse + 18 rules)', ...stats(timings), caught, cpuPerEdit: Number.NaN };
}

function botocore(file: string) {
  const python = execFileSync('bash', [path.join(REPO, 'test/oracles/botocore/setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const version = execFileSync(python, ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8' }).trim();
  const result = JSON.parse(execFileSync(python, [path.join(__dirname, 'support/botocore-validate.py'), file, String(EDITS)], { encoding: 'utf8' })) as { timings: number[]; caught: boolean };
  return { label: `botocore ${version} ParamValidator in process (json.loads + validate)`, ...stats(result.timings), caught: result.caught, cpuPerEdit: Number.NaN };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-ecs-'));
  const text = generate(CONTAINERS);
  const file = path.join(dir, 'big-task-definition.json');
  fs.writeFileSync(file, text);
  const loadBefore = os.loadavg()[0];
  const stdio = await overStdio(dir, text);
  const local = inProcess(dir, text);
  const peer = botocore(file);
  fs.rmSync(dir, { recursive: true, force: true });
  const loadAfter = os.loadavg()[0];
  const lineCount = text.split('\n').length - 1;
  console.log(`## ECS: validation after an edit (${CONTAINERS}-container task definition)

A generated task definition of ${CONTAINERS} containers (${lineCount} lines, ${(text.length / 1024).toFixed(0)} KiB: each with ports, environment, a
secret, a mount, a health check, awslogs, a dependency on the previous one), opened in the built server over stdio;
then ${EDITS} edits of one image tag, each timed from \`didChange\` to the \`publishDiagnostics\` of its version. A final
edit misspells a member to check the model is really applied. Next to it: the same edits through validate() in the
bench process, and botocore's own ParamValidator (what the AWS CLI runs before sending; it checks required members,
unknown members, types and minima only) on the same text. There is no other offline ECS validator to compare with:
the AWS Toolkit downloads its schema. Goal: ≤ 20 ms at the median.

${table(
  ['what', 'median ms', 'p95 ms', 'min ms', 'max ms', 'server CPU ms per edit', 'n', 'caught the bad member'],
  [stdio, local, peer].map((r) => [r.label, ms(r.median), ms(r.p95), ms(r.min), ms(r.max), Number.isNaN(r.cpuPerEdit) ? '–' : ms(r.cpuPerEdit), r.n, r.caught ? 'yes' : 'no']),
)}

Goal ≤ 20 ms: ${stdio.median <= 20 ? 'met' : 'not met'} at the median (${ms(stdio.median)} ms), ${stdio.p95 <= 20 ? 'met' : 'not met'} at p95 (${ms(stdio.p95)} ms). Machine load (1-minute
average) was ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the run on ${os.cpus().length} CPUs.
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
