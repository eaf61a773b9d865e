// The Go engine (engines/, Helm's own packages): binary size per built target and in this machine's
// VSIX, cold start, first and warm render of prometheus and kube-prometheus-stack (dependencies from
// the shared charts, assembled as the helm oracle does), the engine's peak RSS; next to `helm template`
// of the same chart and values in the same run (helm built from the same go.mod, a process per render).
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderChart, type HelmRenderParams } from '../server/src/engines/helm';
import { EngineProcess } from '../server/src/engines/process';
import { REPO } from '../test/support/lsp-client';
import { ms, stats, table } from './support/stats';
import { assembleKubePrometheusStack, assemblePrometheus } from '../test/support/helm-charts';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildHelm, hostTarget, sourceHash } from '../scripts/engine.mjs';

const RUNS = 5;
const SHARED = process.env.SHIPSHAPE_CHARTS ?? path.resolve(REPO, '../shared/charts-and-overlays/helm');
const log = (message: string) => process.stderr.write(`  ${message}\n`);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function assemble(tmp: string, helm: string): Record<string, string> {
  return { prometheus: assemblePrometheus(SHARED, tmp, helm), 'kube-prometheus-stack': assembleKubePrometheusStack(SHARED, tmp, helm) };
}

function peakRssMb(pid: number): string {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? (Number(m[1]) / 1024).toFixed(0) : '?';
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-engine-'));
  const hash = sourceHash();
  const targets: string[] = (process.env.SHIPSHAPE_BENCH_ENGINE_TARGETS ?? hostTarget()).split(',');
  const sizes = targets.map((target) => {
    log(`building the engine for ${target}`);
    return [target, mb(fs.statSync(buildEngine(target, hash)).size)];
  });
  const binary: string = buildEngine(hostTarget(), hash);
  const helm: string = buildHelm(hostTarget(), hash);

  log('packaging the VSIX of this machine');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
  const vsix = path.join(REPO, `shipshape-${version}.vsix`);
  const listing = spawnSync('unzip', ['-v', vsix], { encoding: 'utf8' }).stdout ?? '';
  const entry = listing.split('\n').find((line) => line.includes('engines/') && line.includes('shipshape-engine'));
  const inVsix = entry ? mb(Number(entry.trim().split(/\s+/)[2])) : '?';
  const vsixSize = mb(fs.statSync(vsix).size);
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(REPO, 'scripts/engine.mjs'), '--dist'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });

  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const engine = new EngineProcess({ binary });
    const started = performance.now();
    await engine.request('engine.info', {});
    cold.push(performance.now() - started);
    engine.dispose();
  }

  const charts = assemble(tmp, helm);
  const rows: (string | number)[][] = [];
  const params = (chart: string): HelmRenderParams => ({ chart, kubeVersion: '1.33.0', includeCrds: true, apiVersions: ['monitoring.coreos.com/v1'] });
  for (const [name, chart] of Object.entries(charts)) {
    const engine = new EngineProcess({ binary });
    await engine.request('engine.info', {});
    let started = performance.now();
    const first = await renderChart(engine, params(chart), { timeoutMs: 60_000 });
    const firstMs = performance.now() - started;
    if (first.errors.length) throw new Error(`${name}: ${first.errors[0].message}`);
    const warm: number[] = [];
    const mapped: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      await renderChart(engine, params(chart), { timeoutMs: 60_000 });
      warm.push(performance.now() - started);
      started = performance.now();
      await renderChart(engine, { ...params(chart), sourceMap: true }, { timeoutMs: 60_000 });
      mapped.push(performance.now() - started);
    }
    const rss = peakRssMb(engine.pid!);
    engine.dispose();
    const peer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      started = performance.now();
      const r = spawnSync(helm, ['template', 'release-name', chart, '--kube-version', '1.33.0', '--include-crds', '--api-versions', 'monitoring.coreos.com/v1'], { maxBuffer: 256 << 20, env: { PATH: process.env.PATH, HOME: tmp } });
      peer.push(performance.now() - started);
      if (r.status !== 0) throw new Error(`helm template ${name}: ${r.stderr}`);
    }
    const w = stats(warm);
    const m = stats(mapped);
    const p = stats(peer);
    rows.push([name, first.documents.length, ms(firstMs), ms(w.median), ms(w.p95), ms(m.median), rss, ms(p.median), ms(p.p95)]);
    log(`${name}: first ${ms(firstMs)} ms, warm ${ms(w.median)} ms, helm template ${ms(p.median)} ms`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const c = stats(cold);
  const helmVersion = /helm\.sh\/helm\/v4 (v\S+)/.exec(fs.readFileSync(path.join(REPO, 'engines/go.mod'), 'utf8'))?.[1];
  process.stdout.write(`## Go engine (Helm rendering)

The engine built from engines/ (Helm ${helmVersion}, ${spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim()}, \`-trimpath -s -w\`, CGO off), and
\`helm template\` built from the same go.mod. Charts from the shared folder with their dependencies assembled
(kube-prometheus-stack without grafana and windows-exporter, which the folder lacks); values: defaults,
\`--kube-version 1.33.0 --include-crds --api-versions monitoring.coreos.com/v1\`. "First" is the first
render in a started engine; "warm" the next ${RUNS}; "with source map" also returns every template's nodes and
the rendered spans; helm template is a new process per render, as a user runs it.

${table(['target', 'engine binary (MB)'], sizes)}

This machine's VSIX (${hostTarget()}): ${vsixSize} MB, the engine in it ${inVsix} MB compressed.

${table(['measure', 'median (ms)', 'p95 (ms)', 'min (ms)', 'max (ms)', 'runs'], [['cold start (spawn to first answer)', ms(c.median), ms(c.p95), ms(c.min), ms(c.max), c.n]])}

${table(['chart', 'documents', 'first render (ms)', 'warm median (ms)', 'warm p95 (ms)', 'with source map median (ms)', 'engine peak RSS (MB)', 'helm template median (ms)', 'helm template p95 (ms)'], rows)}
`);
}

main().catch((error) => {
  process.stderr.write(String((error as Error)?.stack ?? error) + '\n');
  process.exit(1);
});
