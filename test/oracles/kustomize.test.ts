import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { buildKustomization } from '../../server/src/engines/kustomize';
import { EngineProcess } from '../../server/src/engines/process';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildKustomize } from '../../scripts/engine.mjs';

// Agreement with the real `kustomize build` (sigs.k8s.io/kustomize/kustomize/v5 v5.8.2 from the Go module
// proxy, the release on the engine's sigs.k8s.io/kustomize/api v0.21.2): for every kustomization of the
// shared argo-cd tree and of the fixtures, the engine's built YAML equals kustomize's stdout byte for byte,
// or its error equals what kustomize prints after "Error: " (which names the offending entry).

const REPO = path.resolve(__dirname, '../..');
const ARGO_CD = process.env.SHIPSHAPE_KUSTOMIZE ?? path.resolve(REPO, '../shared/charts-and-overlays/kustomize/argo-cd');
const FIXTURES = path.join(REPO, 'test/fixtures/kustomize');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kustomize-oracle-'));
let kustomize: string;
let engine: EngineProcess;

before(() => {
  engine = new EngineProcess({ binary: buildEngine() });
  kustomize = buildKustomize();
});
after(() => {
  engine?.dispose();
  fs.rmSync(home, { recursive: true, force: true });
});

function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === 'kustomization.yaml') out.push(dir);
    }
  };
  walk(root);
  return out.sort();
}

function kustomizeBuild(dir: string): { ok: boolean; stdout: string; error: string } {
  const r = spawnSync(kustomize, ['build', dir], { encoding: 'utf8', maxBuffer: 256 << 20, env: { PATH: process.env.PATH, HOME: home } });
  return { ok: r.status === 0, stdout: r.stdout, error: r.stderr.replace(/^Error: /m, '').trim() };
}

async function agree(dir: string): Promise<boolean> {
  const expected = kustomizeBuild(dir);
  const actual = await buildKustomization(engine, { path: dir }, { timeoutMs: 60_000 });
  const label = path.relative(REPO, dir);
  if (expected.ok) {
    assert.equal(actual.error, undefined, `${label}: kustomize builds it, the engine failed`);
    assert.equal(actual.yaml, expected.stdout, `${label}: built output differs`);
  } else {
    assert.equal(actual.error, expected.error, `${label}: error differs`);
  }
  return expected.ok;
}

test('every kustomization of the shared argo-cd tree builds exactly as kustomize builds it', async () => {
  const dirs = kustomizationDirs(ARGO_CD);
  assert.equal(dirs.length, 32);
  let built = 0;
  for (const dir of dirs) if (await agree(dir)) built++;
  assert.equal(built, 32, `${built} of 32 built`);
});

test('the fixtures, valid and invalid, build or fail exactly as kustomize does; errors name the entry', async () => {
  const dirs = kustomizationDirs(FIXTURES).filter((dir) => !dir.endsWith(`${path.sep}remote`));
  const ok = new Map<string, boolean>();
  for (const dir of dirs) ok.set(path.relative(FIXTURES, dir), await agree(dir));
  assert.deepEqual(Object.fromEntries(ok), {
    'invalid/cycle/a': false,
    'invalid/cycle/b': false,
    'invalid/missing-resource': false,
    'invalid/patch-without-target': false,
    'patched/base': true,
    'patched/overlay': true,
    'lint/base': true,
    'lint/overlay': true,
  });
  const missing = await buildKustomization(engine, { path: path.join(FIXTURES, 'invalid/missing-resource') });
  assert.match(String(missing.error), /absent\.yaml/);
});

test("the editor's unsaved text replaces the file on disk; a remote resource is not fetched", async () => {
  const overlay = path.join(FIXTURES, 'patched/overlay');
  const patch = path.join(overlay, 'web-replicas.yaml');
  const text = fs.readFileSync(patch, 'utf8').replace('replicas: 3', 'replicas: 7');
  const result = await buildKustomization(engine, { path: overlay, overlay: { [patch]: text } });
  assert.match(result.yaml, /replicas: 7/);
  assert.doesNotMatch(result.yaml, /replicas: 3/);
  const remote = await buildKustomization(engine, { path: path.join(FIXTURES, 'invalid/remote') }, { timeoutMs: 20_000 });
  assert.match(String(remote.error), /not fetched: Shipshape builds offline/);
});
