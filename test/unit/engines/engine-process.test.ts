import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { renderChart } from '../../../server/src/engines/helm';
import { locateEngine } from '../../../server/src/engines/locate';
import { type EngineError, EngineProcess } from '../../../server/src/engines/process';

// The server's client of the real engine process (built from engines/ by scripts/engine.mjs, cached
// by source hash): lazy start, answers out of order, time limits, cancellation, restart after a crash.

const REPO = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/helm');
let engine: EngineProcess;

before(() => {
  const built = spawnSync(process.execPath, [path.join(REPO, 'scripts/engine.mjs'), '--dist'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  assert.equal(built.status, 0, 'scripts/engine.mjs --dist builds the engine (needs Go)');
  const location = locateEngine({ bundleDir: path.join(REPO, 'dist'), env: {} });
  assert.ok(location.binary, `engine in ${location.tried.join(', ')}`);
  engine = new EngineProcess({ binary: location.binary });
});
after(() => engine?.dispose());

const info = () => engine.request<{ pid: number; methods: string[]; helm: string }>('engine.info', {});

test('the engine starts on the first request, not before, and names its methods and Helm version', async () => {
  assert.equal(engine.pid, undefined);
  const answer = await info();
  assert.equal(answer.pid, engine.pid);
  assert.ok(answer.methods.includes('helm.render'));
  assert.ok(answer.methods.includes('kustomize.build'));
  assert.match(answer.helm, /^v4\./);
});

test('a request answers while an earlier one still runs; one past its time limit fails and the next goes to a new engine', async () => {
  const started = Date.now();
  const runaway = renderChart(engine, { chart: path.join(FIXTURES, 'runaway') }, { timeoutMs: 1500 });
  const first = await info();
  assert.ok(Date.now() - started < 1500, 'engine.info did not wait for the render');
  await assert.rejects(runaway, (error: EngineError) => error.code === 'timeout');
  const next = await info();
  assert.notEqual(next.pid, first.pid, 'the engine stopped itself to end the template');
});

test('a cancelled request rejects at once and the engine keeps serving', async () => {
  const pid = (await info()).pid;
  const controller = new AbortController();
  const render = renderChart(engine, { chart: path.join(FIXTURES, 'runaway') }, { timeoutMs: 20_000, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(render, (error: EngineError) => error.code === 'cancelled');
  assert.equal((await info()).pid, pid);
});

test('a crashed engine fails its requests and is restarted by the next one', async () => {
  const before = await info();
  const pending = renderChart(engine, { chart: path.join(FIXTURES, 'runaway') }, { timeoutMs: 20_000 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.kill(before.pid, 'SIGKILL');
  await assert.rejects(pending, (error: EngineError) => error.code === 'engine_exited' && /SIGKILL/.test(error.message));
  const after = await info();
  assert.notEqual(after.pid, before.pid);
  const web = await renderChart(engine, { chart: path.join(FIXTURES, 'web') });
  assert.deepEqual(web.errors, []);
  assert.ok(web.documents.length > 0);
});

test('a template that renders 100 MB is stopped, not returned', async () => {
  const outcome = await renderChart(engine, { chart: path.join(FIXTURES, 'huge-output'), maxOutputBytes: 1 << 20 }, { timeoutMs: 8_000 }).then(
    (result) => ({ documents: result.documents.length, errors: result.errors.map((e) => e.message) }),
    (error: EngineError) => ({ code: error.code }),
  );
  assert.ok(!('documents' in outcome) || (outcome.documents === 0 && outcome.errors.length > 0), JSON.stringify(outcome));
  assert.ok(!('code' in outcome) || ['timeout', 'memory_limit'].includes(outcome.code), JSON.stringify(outcome));
  assert.ok((await info()).pid > 0);
});

test('a missing binary is a clear error, not a hang', async () => {
  const missing = new EngineProcess({ binary: path.join(REPO, 'no-such-engine') });
  await assert.rejects(missing.request('engine.info', {}), (error: EngineError) => error.code === 'unavailable' && /engine is missing: .*no-such-engine does not exist/.test(error.message));
  missing.dispose();
});
