// Docker-side bounds and argument hygiene: compose service names after `--`, programs resolved to
// absolute paths, output tails of fixed size, the build-error search linear in the output, build
// contexts kept inside the workspace, secrets typed in prompts kept out of workspace state.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { locateBuildError } from '../../../client/src/docker/build-errors';
import { checkContextInside } from '../../../client/src/docker/build';
import { composeArgs, resolveProgram, runCompose, type ComposeTool } from '../../../client/src/docker/compose-cli';
import { PromptMemory } from '../../../client/src/docker/prompt-memory';
import { TailBuffer } from '../../../client/src/docker/tail-buffer';
import { streamLines, LineTooLong } from '../../../client/src/kubernetes/cluster/stream-lines';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-docker-bounds-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const v2: ComposeTool = { kind: 'v2', command: '/usr/bin/docker', prefix: ['compose'], version: '2.30.0' };
const files = { cwd: '/p', fileArgs: ['-f', '/p/compose.yaml'], files: ['/p/compose.yaml'] };

test('compose: service names go after `--`, so a service named like an option stays a name', () => {
  assert.deepEqual(composeArgs(v2, files, { cmd: 'up', services: ['--volumes', 'web'] }), ['compose', '-f', '/p/compose.yaml', 'up', '-d', '--', '--volumes', 'web']);
  assert.deepEqual(composeArgs(v2, files, { cmd: 'logs', services: ['-t'], follow: true, tail: 5 }), ['compose', '-f', '/p/compose.yaml', 'logs', '--no-color', '-f', '--tail', '5', '--', '-t']);
  assert.deepEqual(composeArgs(v2, files, { cmd: 'restart', services: ['db'] }), ['compose', '-f', '/p/compose.yaml', 'restart', '--', 'db']);
  assert.deepEqual(composeArgs(v2, files, { cmd: 'up' }), ['compose', '-f', '/p/compose.yaml', 'up', '-d']);
});

test('docker and docker-compose are resolved on absolute PATH entries only, and nothing else is spawned', async () => {
  const repo = path.join(tmp, 'repo');
  fs.mkdirSync(repo);
  fs.writeFileSync(path.join(repo, 'docker'), '#!/bin/sh\ntouch "$(dirname "$0")/ran"\n', { mode: 0o755 });
  const cwd = process.cwd();
  process.chdir(repo);
  try {
    assert.equal(resolveProgram('docker', { PATH: '.:' }), undefined);
    assert.equal(resolveProgram('docker', { PATH: `${repo}` }), path.join(repo, 'docker'));
  } finally {
    process.chdir(cwd);
  }
  await assert.rejects(runCompose({ ...v2, command: 'docker' }, { ...files, cwd: repo }, { cmd: 'ps' }), /not an absolute path/);
  assert.ok(!fs.existsSync(path.join(repo, 'ran')));
});

test('a tail buffer keeps the last N characters however much goes through it', () => {
  const t = new TailBuffer(10);
  for (let i = 0; i < 10_000; i++) t.push(`${i % 10}`);
  assert.equal(t.text(), '0123456789');
  t.push('x'.repeat(50));
  assert.equal(t.text(), 'x'.repeat(10));
  assert.ok(t.dropped > 10_000);
});

test('the failing-line search is linear: 32 kB of newlines took 8.8 s with the old regexes', () => {
  const dockerfile = 'FROM alpine\nRUN make\nRUN false\n';
  const started = performance.now();
  assert.equal(locateBuildError('\n'.repeat(32 * 1024), 'failed', dockerfile), undefined);
  assert.equal(locateBuildError(' \n\t\n'.repeat(200_000), 'x', dockerfile), undefined);
  assert.ok(performance.now() - started < 1000, `${(performance.now() - started).toFixed(0)} ms`);
  // Still finds what it found: BuildKit's "Dockerfile:3" after a long output, the legacy "Step N/M".
  assert.equal(locateBuildError(`${'#5 ...\n'.repeat(10_000)}Dockerfile:3\n--------------------\n`, 'process "/bin/sh -c false" did not complete', dockerfile)?.line, 2);
  assert.equal(locateBuildError('Step 1/3 : FROM alpine\nStep 2/3 : RUN make\nmake: ***\n', 'The command returned a non-zero code: 2', dockerfile)?.line, 1);
});

test('log and watch lines are bounded: a never-ending line is cut (logs) or refused (watch JSON)', async () => {
  async function* body() {
    for (let i = 0; i < 8; i++) yield 'y'.repeat(1000);
    yield '\nend\n';
  }
  const lines: string[] = [];
  for await (const l of streamLines(body(), { maxLine: 3000 })) lines.push(l);
  assert.deepEqual(
    lines.map((l) => l.length),
    [3000, 3000, 2000, 3],
  );
  await assert.rejects(async () => {
    for await (const _ of streamLines(body(), { maxLine: 3000, overlong: 'fail' })) void _;
  }, LineTooLong);
});

test('a build context outside the workspace folder is refused, through a symlink too', () => {
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(path.join(ws, 'app'), { recursive: true });
  fs.symlinkSync(os.homedir(), path.join(ws, 'home-link'));
  assert.equal(checkContextInside(path.join(ws, 'app'), ws), fs.realpathSync(path.join(ws, 'app')));
  assert.equal(checkContextInside(ws, ws), fs.realpathSync(ws));
  for (const bad of [path.join(ws, '..'), os.homedir(), path.join(ws, 'home-link'), path.join(ws, 'app', '..', '..')]) assert.throws(() => checkContextInside(bad, ws), /outside the workspace folder/, bad);
});

test('build args and run environments go to secret storage; an old answer left in workspace state is moved', async () => {
  const state = new Map<string, unknown>();
  const secrets = new Map<string, string>();
  const memory = new PromptMemory<{ tag: string }, { args: string }>(
    { get: <T>(k: string) => state.get(k) as T, update: async (k, v) => void state.set(k, v) },
    { get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) },
    ['args'],
  );
  await memory.remember('b', { tag: 'app:1' }, { args: 'TOKEN=ghp_secret' });
  assert.deepEqual(state.get('b'), { tag: 'app:1' });
  assert.ok(!JSON.stringify([...state]).includes('ghp_secret'));
  assert.deepEqual(await memory.recall('b'), { tag: 'app:1', args: 'TOKEN=ghp_secret' });
  state.set('old', { tag: 'x', args: 'PASSWORD=hunter2' });
  assert.deepEqual(await memory.recall('old'), { tag: 'x', args: 'PASSWORD=hunter2' });
  assert.deepEqual(state.get('old'), { tag: 'x' });
  assert.equal(await memory.recall('none'), undefined);
});
