// Helm charts in the language server: a template of prometheus and of kube-prometheus-stack (dependencies
// assembled from the shared charts, as the helm oracle does) opened in the built server over stdio, then
// one-line edits, each measured from didChange to the diagnostics of that version (render by the engine
// with the source map, the release validated, findings mapped to the template). Next to helm-ls on the
// same files in the same run when it is installed (HELM_LS, or helm_ls on PATH: `go install
// github.com/mrjosh/helm-ls@latest`), with yaml-language-server from node_modules on its PATH.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { assembleKubePrometheusStack, assemblePrometheus } from '../test/support/helm-charts';
import { fileUri, LspClient, REPO } from '../test/support/lsp-client';
import { ms, stats, table } from './support/stats';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildHelm } from '../scripts/engine.mjs';

const EDITS = Number(process.env.SHIPSHAPE_BENCH_HELM_EDITS ?? 20);
/** Longer than the server's debounce (150 ms), so each edit is a lone one, as a pause in typing is. */
const PAUSE_MS = 400;
const SHARED = process.env.SHIPSHAPE_CHARTS ?? path.resolve(REPO, '../shared/charts-and-overlays/helm');
const log = (message: string) => process.stderr.write(`  ${message}\n`);
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

interface Case {
  chart: string;
  template: string;
  anchor: string;
}

/** An edit that changes what the template renders: a label whose value is the edit's number. */
function edited(text: string, anchor: string, i: number): string {
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`anchor ${anchor} not in the template`);
  return text.slice(0, at + anchor.length) + `    bench.example.com/edit: "${i}"\n` + text.slice(at + anchor.length);
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function shipshape(root: string, c: Case, engine: string) {
  const { client } = await LspClient.start({ rootPath: root, settings: { kubernetes: { version: '1.36' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: engine } });
  try {
    const file = path.join(c.chart, c.template);
    const uri = fileUri(file);
    const text = fs.readFileSync(file, 'utf8');
    let started = performance.now();
    client.open(uri, 'yaml', text);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
    const open = performance.now() - started;
    const edits: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      await sleep(PAUSE_MS);
      started = performance.now();
      const version = client.change(uri, edited(text, c.anchor, i));
      await client.waitForDiagnostics(uri, (p) => p.version === version, 60_000);
      edits.push(performance.now() - started);
    }
    const engines = childrenOf(client.process.pid!);
    return { open, edits, diagnostics: first.length, serverMb: rssMb(client.process.pid), engineMb: engines.reduce((sum, pid) => sum + rssMb(pid), 0) };
  } finally {
    await client.stop();
  }
}

/** helm-ls over stdio: it publishes after a change (yaml-language-server on the template text) and after a save (helm lint). */
async function helmLs(binary: string, root: string, c: Case) {
  const bin = path.join(REPO, 'node_modules', '.bin');
  const child = spawn(binary, ['serve'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: ((p: PublishDiagnosticsParams) => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    for (const w of waiters.splice(0)) w(p);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const file = path.join(c.chart, c.template);
  const uri = fileUri(file);
  const next = (timeoutMs: number) =>
    new Promise<PublishDiagnosticsParams | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      waiters.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: fileUri(root), workspaceFolders: [{ uri: fileUri(root), name: 'root' }], capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    const text = fs.readFileSync(file, 'utf8');
    let started = performance.now();
    const opened = next(60_000);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: 1, text } });
    const first = await opened;
    const open = performance.now() - started;
    const edits: number[] = [];
    let missed = 0;
    for (let i = 0; i < EDITS; i++) {
      await sleep(PAUSE_MS);
      started = performance.now();
      const published = next(10_000);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: edited(text, c.anchor, i) }] });
      await connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      if (await published) edits.push(performance.now() - started);
      else missed++;
    }
    return { open: first ? open : undefined, edits, missed, rssMb: rssMb(child.pid) + childrenOf(child.pid!).reduce((sum, pid) => sum + rssMb(pid), 0) };
  } finally {
    connection.dispose();
    child.kill();
  }
}

/** What the Go module proxy says of helm-ls right now (it is the only registry that could provide it). */
function proxyAnswer(): string {
  const r = spawnSync('go', ['list', '-m', 'github.com/mrjosh/helm-ls@latest'], { encoding: 'utf8', timeout: 60_000, cwd: os.tmpdir() });
  if (r.error) return `(go did not run: ${r.error.message})`;
  const text = `${r.stdout}${r.stderr}`
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return r.status === 0 ? `${text} (available, but not installed for this run)` : `"${text}"`;
}

/**
 * The command-line floor of the same edit: the edited template saved, then `helm template` (a new process, the
 * same kube version and CRDs) renders the chart; no validation at all, so less than any render-and-validate pipeline.
 */
function helmTemplate(helm: string, c: Case): number[] {
  const file = path.join(c.chart, c.template);
  const original = fs.readFileSync(file, 'utf8');
  const times: number[] = [];
  try {
    for (let i = 0; i < EDITS; i++) {
      const started = performance.now();
      fs.writeFileSync(file, edited(original, c.anchor, i));
      const r = spawnSync(helm, ['template', 'release-name', c.chart, '--kube-version', '1.36.0', '--include-crds'], { encoding: 'utf8', maxBuffer: 256 << 20, env: { PATH: process.env.PATH, HOME: os.tmpdir() } });
      if (r.status !== 0) throw new Error(`helm template ${c.chart}: ${r.stderr}`);
      times.push(performance.now() - started);
    }
  } finally {
    fs.writeFileSync(file, original);
  }
  return times;
}

function findHelmLs(): string | undefined {
  const candidates = [process.env.HELM_LS, ...(process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'helm_ls')), path.join(os.homedir(), 'go', 'bin', 'helm_ls'), path.join(os.homedir(), 'go', 'bin', 'helm-ls')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

async function main(): Promise<void> {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-helm-lsp-')));
  const engine: string = buildEngine();
  const helm: string = buildHelm();
  log('building the server');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const cases: Case[] = [
    { chart: assemblePrometheus(SHARED, tmp, helm), template: 'templates/deploy.yaml', anchor: 'kind: Deployment\nmetadata:\n  labels:\n    {{- include "prometheus.server.labels" . | nindent 4 }}\n' },
    { chart: assembleKubePrometheusStack(SHARED, tmp, helm), template: 'templates/prometheus/prometheus.yaml', anchor: '    {{- include "kube-prometheus-stack.labels" . | nindent 4 }}\n' },
  ];
  const helmLsBinary = findHelmLs();
  const rows: (string | number)[][] = [];
  const peer: (string | number)[][] = [];
  const floor: (string | number)[][] = [];
  const load = os.loadavg()[0].toFixed(2);
  for (const c of cases) {
    const name = path.basename(c.chart);
    log(`${name}: Shipshape`);
    const s = await shipshape(tmp, c, engine);
    const e = stats(s.edits);
    rows.push([name, c.template, ms(s.open), ms(e.median), ms(e.p95), ms(e.min), ms(e.max), e.n, s.diagnostics, s.serverMb.toFixed(0), s.engineMb.toFixed(0)]);
    log(`${name}: helm template`);
    const t = stats(helmTemplate(helm, c));
    floor.push([name, ms(t.median), ms(t.p95), ms(t.min), ms(t.max), t.n]);
    if (helmLsBinary) {
      log(`${name}: helm-ls`);
      const h = await helmLs(helmLsBinary, tmp, c);
      const he = h.edits.length ? stats(h.edits) : undefined;
      peer.push([name, h.open === undefined ? 'none published' : ms(h.open), he ? ms(he.median) : '-', he ? ms(he.p95) : '-', h.edits.length, h.missed, h.rssMb.toFixed(0)]);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const out = [
    '## Helm charts in the language server (helm-lsp.bench.ts)',
    '',
    `The built server over stdio (\`shipshape.kubernetes.version\` 1.36), the engine from engines/ (Helm v4.3.2). Charts from the shared folder with`,
    'their dependencies assembled as the helm oracle does (kube-prometheus-stack without grafana and windows-exporter, which the folder lacks).',
    `Open: didOpen of the template → its first diagnostics (engine start, first render with the source map, the release validated). Edit: ${EDITS}`,
    `one-line edits (a label added to the rendered object), ${PAUSE_MS} ms apart so none is debounced, each from didChange to the diagnostics of that`,
    `version. RSS after the edits. 1-minute load average when the run started: ${load} (2 cores shared with other jobs).`,
    '',
    table(['chart', 'template', 'open → diagnostics (ms)', 'edit median (ms)', 'edit p95 (ms)', 'min (ms)', 'max (ms)', 'edits', 'diagnostics', 'server RSS (MB)', 'engine RSS (MB)'], rows),
    '',
    'The same edits on the command line, in the same run: the template saved, then `helm template release-name CHART --kube-version 1.36.0',
    '--include-crds` (helm built from engines/go.mod, a new process per edit). That is the render alone, without any validation; a',
    'kubeconform-style check of its output would come on top (kubeconform, which the Go module proxy serves, was not built for this run).',
    '',
    table(['chart', 'save + helm template median (ms)', 'p95 (ms)', 'min (ms)', 'max (ms)', 'runs'], floor),
    '',
  ];
  if (helmLsBinary) {
    out.push(
      `helm-ls (${path.basename(helmLsBinary)}, \`serve\` over stdio, yaml-language-server 2.0.0 from node_modules on its PATH), same files and edits; each edit is`,
      'didChange then didSave (its helm lint runs on save), timed to its next publishDiagnostics for the file. It does not render: it lints the',
      'chart and runs yaml-language-server on the template text with the template tags stripped.',
      '',
      table(['chart', 'open → diagnostics (ms)', 'edit median (ms)', 'edit p95 (ms)', 'edits answered', 'edits with no diagnostics in 10 s', 'RSS (MB)'], peer),
      '',
    );
  } else {
    out.push(`helm-ls: not found for this run (HELM_LS, or helm_ls on PATH). From the Go module proxy, \`go list -m github.com/mrjosh/helm-ls@latest\` answered: ${proxyAnswer()}`, '');
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
