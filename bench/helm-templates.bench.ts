// Helm template editing: (1) where an edit → diagnostics of the prometheus chart's template spends its time (the
// engine's own load / render / source-map timing, the transfer, the server's validation of the release), measured
// in-process with the server's own ChartRenders and engine client; (2) completion, hover and definition latency in
// a kube-prometheus-stack template through the built server over stdio. Charts assembled from the shared folder as
// the helm oracle does. helm-ls, the peer the issue names, is not in the Go module proxy (see helm-lsp.bench.ts).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CompletionList, Position } from 'vscode-languageserver-protocol';
import { loadFile } from '../server/src/core/load';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { FileWorkspace } from '../server/src/core/workspace';
import { EngineProcess } from '../server/src/engines/process';
import { renderRequest } from '../server/src/helm';
import { chartFindings } from '../server/src/helm/findings';
import { ChartRenders } from '../server/src/helm/renders';
import { assembleKubePrometheusStack, assemblePrometheus } from '../test/support/helm-charts';
import { fileUri, LspClient, REPO } from '../test/support/lsp-client';
import { ms, stats, table } from './support/stats';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildHelm } from '../scripts/engine.mjs';

const EDITS = Number(process.env.SHIPSHAPE_BENCH_HELM_EDITS ?? 20);
const REQUESTS = Number(process.env.SHIPSHAPE_BENCH_HELM_REQUESTS ?? 50);
const SHARED = process.env.SHIPSHAPE_CHARTS ?? path.resolve(REPO, '../shared/charts-and-overlays/helm');
const log = (message: string) => process.stderr.write(`  ${message}\n`);
const PROMETHEUS_ANCHOR = 'kind: Deployment\nmetadata:\n  labels:\n    {{- include "prometheus.server.labels" . | nindent 4 }}\n';

function edited(text: string, anchor: string, insert: string): string {
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`anchor ${anchor} not in the template`);
  return text.slice(0, at + anchor.length) + insert + text.slice(at + anchor.length);
}

/** The edit → diagnostics path of the server, step by step, on the same inputs the server renders with. */
async function breakdown(chart: string, engineBinary: string) {
  const engine = new EngineProcess({ binary: engineBinary });
  const renders = new ChartRenders({ engine: () => engine });
  const workspace = new FileWorkspace({ roots: [path.dirname(chart)] });
  const settings = { ...DEFAULT_SETTINGS, kubernetes: { ...DEFAULT_SETTINGS.kubernetes, version: '1.36' } };
  const ctx = { settings, workspace, helm: renders };
  const file = path.join(chart, 'templates/deploy.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const lineage = {};
  const steps: { total: number; load: number; render: number; map: number; transfer: number; validate: number }[] = [];
  try {
    for (let i = -1; i < EDITS; i++) {
      const source = loadFile(file, edited(text, PROMETHEUS_ANCHOR, `    bench.example.com/edit: "${i}"\n`), settings, (dir) => fs.existsSync(path.join(dir, 'Chart.yaml')));
      if (!source) throw new Error(`${file} is not a chart file`);
      workspace.setOpen(Object.assign(source, { lineage }));
      const started = performance.now();
      const outcome = await renders.render(renderRequest(chart, source, ctx).request);
      const rendered = performance.now();
      if (!outcome.ok) throw new Error(`render failed: ${outcome.error.message}`);
      chartFindings(outcome, ctx, source.kubernetesVersion);
      const validated = performance.now();
      const { loadMs, renderMs, mapMs = 0 } = outcome.result.timing;
      // The first is the engine's start.
      if (i >= 0) steps.push({ total: validated - started, load: loadMs, render: renderMs, map: mapMs, transfer: rendered - started - loadMs - renderMs - mapMs, validate: validated - rendered });
    }
  } finally {
    engine.dispose();
  }
  const median = (key: keyof (typeof steps)[0]) => ms(stats(steps.map((s) => s[key])).median);
  return [median('total'), median('load'), median('render'), median('map'), median('transfer'), median('validate'), steps.length];
}

function at(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, offset + needle.length).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** Request latencies in a kube-prometheus-stack template, after the server rendered the chart once. */
async function requests(root: string, chart: string, engine: string) {
  const { client } = await LspClient.start({ rootPath: root, settings: { kubernetes: { version: '1.36' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: engine } });
  const rows: (string | number)[][] = [];
  try {
    const file = path.join(chart, 'templates/prometheus/prometheus.yaml');
    const uri = fileUri(file);
    const lines = '{{/* bench */}}{{ .Values. }}{{ .Values.prometheus.prometheusSpec. }}{{ include "" . }}{{ .Values.prometheus.service.port | to }}\n';
    const text = edited(fs.readFileSync(file, 'utf8'), '    {{- include "kube-prometheus-stack.labels" . | nindent 4 }}\n', lines);
    client.open(uri, 'yaml', text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
    const cases: [string, string, Position][] = [
      ['completion', '`.Values.` (top-level keys)', at(text, '{{ .Values.')],
      ['completion', '`.Values.prometheus.prometheusSpec.`', at(text, 'prometheusSpec.')],
      ['completion', '`include "` (named templates of the tree)', at(text, 'include "')],
      ['completion', 'functions (after `\\| to`)', at(text, '| to')],
      ['textDocument/hover', '`.Values.prometheus.service.port`', at(text, '.Values.prometheus.service.po')],
      ['textDocument/definition', '`include "kube-prometheus-stack.labels"`', at(text, 'include "kube-prometheus-stack.lab')],
      ['textDocument/references', '`.Values.prometheus.service.port` (the tree)', at(text, '.Values.prometheus.service.po')],
    ];
    for (const [method, what, position] of cases) {
      const request = method === 'completion' ? 'textDocument/completion' : method;
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < REQUESTS + 3; i++) {
        const started = performance.now();
        const result = await client.request<unknown>(request, { textDocument: { uri }, position, context: { includeDeclaration: true } });
        if (i >= 3) times.push(performance.now() - started);
        size = Array.isArray(result) ? result.length : ((result as CompletionList | null)?.items?.length ?? (result ? 1 : 0));
      }
      const s = stats(times);
      rows.push([method.replace('textDocument/', ''), what, size, ms(s.median), ms(s.p95), ms(s.max), s.n]);
    }
  } finally {
    await client.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-helm-templates-')));
  const engine: string = buildEngine();
  const helm: string = buildHelm();
  log('building the server');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const load = os.loadavg()[0].toFixed(2);
  try {
    const prometheus = assemblePrometheus(SHARED, tmp, helm);
    log('prometheus: edit → diagnostics, step by step');
    const steps = await breakdown(prometheus, engine);
    const stack = assembleKubePrometheusStack(SHARED, tmp, helm);
    log('kube-prometheus-stack: requests');
    const rows = await requests(tmp, stack, engine);
    const out = [
      '## Helm template editing (helm-templates.bench.ts)',
      '',
      `Where an edit → diagnostics of the prometheus chart's templates/deploy.yaml goes (the edit of helm-lsp.bench.ts: a label added; ${EDITS} edits,`,
      "medians), measured in-process with the server's own render host (ChartRenders, no debounce) and engine client: the engine's own",
      "timing of Helm's chart load, Helm's render and the source map (a second, marked render of the chart), the rest of the engine",
      "round trip (the result's JSON written, sent and parsed), then the server's validation of the release (chartFindings). 1-minute",
      `load average when the run started: ${load} (2 cores shared with other jobs).`,
      '',
      table(['chart', 'render + validate (ms)', 'load (ms)', 'render (ms)', 'source map (ms)', 'transfer (ms)', 'validate (ms)', 'edits'], [['prometheus', ...steps]]),
      '',
      'The source map is the largest part: it re-loads the chart and renders it a second time with markers (engines/helm/sourcemap.go), so',
      'an edit costs two Helm renders. Rendering once, the marked copy only, and taking the documents from it with the markers removed',
      '(which attach() already checks byte for byte) would save about the render column; not done in this change.',
      '',
      `Requests in kube-prometheus-stack's templates/prometheus/prometheus.yaml (its dependencies assembled as the oracle does), through the built`,
      `server over stdio, after its first diagnostics; ${REQUESTS} of each after 3 warm-up, request → response. Items: the answer's length.`,
      'No peer ran: helm-ls is not served by the Go module proxy (helm-lsp.bench.ts records its answer).',
      '',
      table(['request', 'at', 'items', 'median (ms)', 'p95 (ms)', 'max (ms)', 'runs'], rows),
      '',
    ];
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
