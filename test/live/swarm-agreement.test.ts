/**
 * Agreement with `docker stack deploy` itself (a live suite: it runs after test/infra/docker is up, as the Kubernetes
 * agreement tests run after the API server), on a real one-node swarm (test/infra/docker/swarm.sh: an extra test
 * engine, `docker swarm init` on loopback). Every stack fixture (test/unit/compose/stack-fixtures: valid ones and
 * ones with one defect) and every Compose file of the shared corpus (its build sections and images replaced by the
 * test image: nothing can be pulled here) is deployed with the docker CLI on PATH, then removed:
 * - a file docker refuses has a Shipshape error, on the line of the path docker names when it names one;
 * - every "Ignoring unsupported/deprecated options: X" docker prints is a Shipshape warning on X in each service;
 * - a file docker deploys has no Shipshape error.
 * Starts test/infra/docker itself when no engine is set up (docker.env not sourced), and stops what it started.
 * Knob: SWARM_ORACLE_KEEP=file writes every case (docker's output, Shipshape's findings) there.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { isMap, parseDocument } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding } from '../../server/src/core/diagnostics';
import { validateText } from '../unit/compose/support';
import { sh, startSwarm, type TestSwarm } from './swarm-support';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'test/unit/compose/stack-fixtures');
const CORPUS = path.resolve(REPO, '../shared/corpus/compose');
const IMAGE = process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1';

let swarm: TestSwarm | undefined;
let swarmHost = '';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-swarm-oracle-'));

before(() => {
  swarm = startSwarm();
  swarmHost = swarm.host;
});

after(() => {
  swarm?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The docker CLI's environment: the swarm engine, and none of the variables the fixtures expect unset. */
function dockerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: swarmHost };
  for (const name of Object.keys(env)) if (name.startsWith('SHIPSHAPE_STACK_') || name === 'DOCKER_CONTEXT') delete env[name];
  return env;
}

interface Deployed {
  code: number;
  output: string;
}

/** `docker stack deploy`, then `docker stack rm` and a wait until the stack's services, networks, secrets and configs are gone. */
function deploy(file: string, stack: string): Deployed {
  const env = dockerEnv();
  // From the stack file's folder, as a user deploys (relative secret files are read from there either way).
  const result = sh('docker', ['stack', 'deploy', '--detach=true', '--resolve-image', 'never', '-c', path.basename(file), stack], env, 180_000, path.dirname(file));
  remove(stack, env);
  return { code: result.code, output: `${result.stdout}${result.stderr}` };
}

function remove(stack: string, env: NodeJS.ProcessEnv): void {
  const label = `label=com.docker.stack.namespace=${stack}`;
  let left = '';
  for (let attempt = 0, deadline = Date.now() + 180_000; Date.now() < deadline; attempt++) {
    // `docker stack rm` removes the networks once, right after the services: a network whose tasks are still
    // shutting down ("has active endpoints") stays behind, so it is asked again until nothing is left.
    if (attempt % 10 === 0) sh('docker', ['stack', 'rm', stack], env);
    left = ['service', 'network', 'secret', 'config']
      .map((kind) => {
        const ids = sh('docker', [kind, 'ls', '-q', '--filter', label], env).stdout.trim();
        return ids ? `${kind}s ${ids.split('\n').join(' ')}` : '';
      })
      .filter(Boolean)
      .join('; ');
    if (!left) return;
    spawnSync('sleep', ['0.5']);
  }
  throw new Error(`stack ${stack} was not removed within 180 s: ${left} left`);
}

/** The dotted path docker names in its error, when it names one ("services.app.deploy.resources.limits.cpus must be a string"). */
function namedPath(output: string): string[] | undefined {
  const m = /(?:^|\s|for )((?:services|networks|volumes|secrets|configs)\.[\w.-]+)/m.exec(output);
  return m ? m[1]!.replace(/\.$/, '').split('.') : undefined;
}

/** The lines a path covers in the file (its key's line to its value's last line), or undefined when it is not in the file. */
function linesOf(text: string, keys: string[]): [number, number] | undefined {
  const doc = parseDocument(text);
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    const parent = n > 1 ? doc.getIn(keys.slice(0, n - 1), true) : doc.contents;
    const pair = isMap(parent) ? parent.items.find((p) => String((p.key as { value?: unknown })?.value) === keys[n - 1]) : undefined;
    const start = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0] ?? node?.range?.[0];
    if (start === undefined) continue;
    const end = node?.range?.[1] ?? start;
    const line = (offset: number) => text.slice(0, offset).split('\n').length - 1;
    return [line(start), line(end)];
  }
  return undefined;
}

/** The options docker said it ignores ("Ignoring unsupported options: build, restart"; deprecated ones on their own lines). */
function ignored(output: string): string[] {
  const out: string[] = [];
  const unsupported = /Ignoring unsupported options: (.*)/.exec(output);
  if (unsupported)
    out.push(
      ...unsupported[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  const deprecated = /Ignoring deprecated options:\n\n([\s\S]*?)(?:\n\n\n|$)/.exec(output);
  if (deprecated) for (const m of deprecated[1]!.matchAll(/^(\w+):/gm)) out.push(m[1]!);
  return out;
}

interface Case {
  name: string;
  file: string;
}

/** Disagreements of one case, in words; empty when Shipshape says what docker did. */
function compare(c: Case, deployed: Deployed, findings: Finding[], text: string): string[] {
  const problems: string[] = [];
  const errors = findings.filter((f) => f.severity === DiagnosticSeverity.Error);
  const describe = (f: Finding) => `${f.range.start.line + 1}:${f.code}`;
  if (deployed.code !== 0) {
    if (!errors.length) problems.push(`docker refused it, Shipshape has no error: ${deployed.output.trim().split('\n').slice(-3).join(' | ')}`);
    const keys = namedPath(deployed.output);
    const lines = keys && linesOf(text, keys);
    if (errors.length && lines && !errors.some((f) => f.range.start.line >= lines[0] && f.range.start.line <= lines[1])) {
      problems.push(`docker names ${keys!.join('.')} (lines ${lines[0] + 1}-${lines[1] + 1}); Shipshape's errors are at ${errors.map(describe).join(', ')}`);
    }
  } else if (errors.length) {
    problems.push(`docker deployed it, Shipshape has errors: ${errors.map((f) => `${describe(f)} ${String(f.message)}`).join('; ')}`);
  }
  // Warnings are printed before the deploy goes on (or fails later): each ignored option of each service.
  const doc = parseDocument(text).toJS() as { services?: Record<string, Record<string, unknown>> } | null;
  for (const option of ignored(deployed.output)) {
    for (const [service, def] of Object.entries(doc?.services ?? {})) {
      if (!def || !(option in def)) continue;
      const line = linesOf(text, ['services', service, option])?.[0];
      if (!findings.some((f) => f.severity === DiagnosticSeverity.Warning && f.code === 'StackIgnoredKey' && f.range.start.line === line)) {
        problems.push(`docker ignores ${option} of ${service} (line ${(line ?? -1) + 1}); Shipshape has no StackIgnoredKey warning there`);
      }
    }
  }
  return problems.map((p) => `${c.name}: ${p}`);
}

/** A corpus project as a stack: its folder copied, build sections dropped and every image the test image. */
function corpusCase(project: string): Case | undefined {
  const source = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'].map((f) => path.join(CORPUS, project, f)).find((f) => fs.existsSync(f));
  if (!source) return undefined;
  const dir = path.join(work, `corpus-${project}`);
  fs.cpSync(path.join(CORPUS, project), dir, { recursive: true });
  const doc = parseDocument(fs.readFileSync(source, 'utf8'));
  const services = doc.get('services', true);
  if (isMap(services)) {
    for (const pair of services.items) {
      const name = String((pair.key as { value?: unknown }).value);
      doc.deleteIn(['services', name, 'build']);
      doc.setIn(['services', name, 'image'], IMAGE);
    }
  }
  const file = path.join(dir, 'docker-stack.yml');
  fs.writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return { name: `corpus/${project}`, file };
}

function fixtureCase(name: string): Case {
  const dir = path.join(work, `fixture-${name}`);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return { name: `fixture/${name}`, file: path.join(dir, 'docker-stack.yml') };
}

test('docker stack deploy on a real swarm agrees with Shipshape on the stack fixtures and the corpus', () => {
  const cases: Case[] = fs.readdirSync(FIXTURES).sort().map(fixtureCase);
  const corpus = fs.existsSync(CORPUS)
    ? fs
        .readdirSync(CORPUS)
        .sort()
        .map(corpusCase)
        .filter((c): c is Case => !!c)
    : [];
  if (process.env.CI === 'true') assert.ok(corpus.length > 0, `no corpus at ${CORPUS}`);
  cases.push(...corpus);
  const disagreements: string[] = [];
  const log: string[] = [];
  let refused = 0;
  cases.forEach((c, index) => {
    const text = fs.readFileSync(c.file, 'utf8');
    const findings = validateText(c.file, text);
    const deployed = deploy(c.file, `oracle${index}`);
    if (deployed.code !== 0) refused++;
    disagreements.push(...compare(c, deployed, findings, text));
    log.push(
      `## ${c.name} (docker exit ${deployed.code})\n${deployed.output.trim()}\n${findings.map((f) => `  ${f.range.start.line + 1}:${f.range.start.character + 1} ${['', 'error', 'warning', 'info', 'hint'][f.severity ?? 1]} ${f.code} ${String(f.message)}`).join('\n')}`,
    );
  });
  if (process.env.SWARM_ORACLE_KEEP) fs.writeFileSync(process.env.SWARM_ORACLE_KEEP, `${log.join('\n\n')}\n`);
  // Both outcomes occur, so the comparison can fail either way.
  assert.ok(refused > 0 && refused < cases.length, `docker refused ${refused} of ${cases.length} cases`);
  assert.deepEqual(disagreements, [], `${disagreements.length} disagreements of ${cases.length} cases:\n${disagreements.join('\n')}`);
});
