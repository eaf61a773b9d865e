/**
 * Kubernetes: a generated 5,000-line, 200-document manifest through the real servers over stdio.
 * Shipshape (bin/shipshape-language-server.js) and yaml-language-server 2.0.0 side by side in the same
 * run, the peer given the same schema Shipshape bundles (`shipshape schema export`, 1.36), schemaStore off,
 * no network. Measures open → diagnostics, one-line edit → diagnostics, completion latency, server RSS.
 * Every open uses fresh text (a run token in every document) so no cache from an earlier open helps.
 * Run `npm run build` first.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { exportKubernetesSchema } from '../server/src/cli/schema';
import { SERVER_NODE_FLAGS } from '../client/src/language/launch-flags';
import { ms, stats, table } from './support/stats';

const REPO = path.resolve(__dirname, '..');
// 15 opens: the first few run before the JIT has compiled the hot paths; the first is reported on its own.
const OPENS = Number(process.env.BENCH_OPENS ?? 15);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 60);
const DOCS = 200;
const LINES_PER_DOC = 25;

/** 200 documents of exactly 25 lines: Deployments, Services, ConfigMaps in turn. */
function generate(run: string): string {
  const docs: string[] = [];
  for (let i = 0; i < DOCS; i++) {
    let lines: string[];
    if (i % 3 === 0) {
      lines = [
        '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: app-${i}`, '  labels:', `    run: ${run}`,
        'spec:', '  replicas: 2', '  selector:', '    matchLabels:', `      app: app-${i}`, '  template:', '    metadata:', '      labels:',
        `        app: app-${i}`, '    spec:', '      containers:', `      - name: app-${i}`, '        image: nginx:1.27', '        ports:',
        '        - containerPort: 8080', '        resources:', '          limits: {cpu: 500m, memory: 128Mi}', '          requests: {cpu: 100m, memory: 64Mi}',
      ];
    } else if (i % 3 === 1) {
      lines = [
        '---', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: svc-${i}`, '  labels:', `    run: ${run}`, '  annotations:',
        '    example.com/owner: team-a', 'spec:', '  type: ClusterIP', '  selector:', `    app: app-${i - 1}`, '  ports:', '  - name: http',
        '    port: 80', '    targetPort: 8080', '    protocol: TCP', '  - name: metrics', '    port: 9090', '    targetPort: 9090', '    protocol: TCP',
        '  sessionAffinity: None', '  internalTrafficPolicy: Cluster', '  publishNotReadyAddresses: false',
      ];
    } else {
      lines = ['---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: cfg-${i}`, '  labels:', `    run: ${run}`, 'data:'];
      for (let k = 0; lines.length < LINES_PER_DOC; k++) lines.push(`  key${k}: "value ${k} of ${i}"`);
    }
    if (lines.length !== LINES_PER_DOC) throw new Error(`document ${i} has ${lines.length} lines`);
    docs.push(lines.join('\n'));
  }
  return docs.join('\n') + '\n';
}

interface Server {
  name: string;
  command: string[];
  /** Settings pushed after initialize (yaml-language-server reads them from didChangeConfiguration). */
  settings: unknown;
}

interface Result {
  /** Server CPU ms per open / per edit: what the work costs regardless of how loaded the machine is. */
  openCpu: number[];
  editCpu: number;
  open: number[];
  edit: number[];
  completion: number[];
  /** Whole-file foldingRange and one-position selectionRange requests. */
  folding: number[];
  selection: number[];
  rssMb: number;
  diagnostics: number;
}

/** CPU time (user + system, ms) the process has used so far; clock ticks are 10 ms. */
function cpuOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function measure(server: Server, dir: string, node: string): Promise<Result> {
  const child: ChildProcess = spawn(node, server.command, { stdio: ['pipe', 'pipe', 'pipe'], cwd: REPO });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, (count: number) => void>();
  let lastCount = 0;
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[]; version?: number }) => {
    lastCount = p.diagnostics.length;
    // Servers that do not echo the version (yaml-language-server) answer whichever waiter is pending for the uri.
    const key = p.version === undefined || p.version === null ? [...waiters.keys()].find((k) => k.startsWith(`${p.uri}#`)) : `${p.uri}#${p.version}`;
    const waiter = key ? waiters.get(key) : undefined;
    if (key && waiter) {
      waiters.delete(key);
      waiter(p.diagnostics.length);
    }
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((item) => {
    const settings = server.settings as Record<string, unknown>;
    return item.section ? settings[item.section] ?? null : settings;
  }));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const rootUri = pathToFileURL(dir).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, foldingRange: { lineFoldingOnly: true } } },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });
  const diagnosticsFor = (uri: string, version?: number, timeout = 120_000) => new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${server.name}: no diagnostics for ${uri} v${version} in ${timeout} ms; stderr: ${stderr.slice(-2000)}`)), timeout);
    waiters.set(`${uri}#${version ?? ''}`, (n) => { clearTimeout(timer); resolve(n); });
  });

  const result: Result = { openCpu: [], editCpu: 0, open: [], edit: [], completion: [], folding: [], selection: [], rssMb: 0, diagnostics: 0 };
  let uri = '';
  let text = '';
  for (let i = 0; i < OPENS; i++) {
    text = generate(`r${i}-${server.name.length}`);
    uri = pathToFileURL(path.join(dir, `manifests-${i}.yaml`)).toString();
    const done = diagnosticsFor(uri, 1);
    const cpuBefore = cpuOf(child.pid!);
    const started = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    result.diagnostics = await done;
    result.open.push(performance.now() - started);
    result.openCpu.push(cpuOf(child.pid!) - cpuBefore);
    process.stderr.write(`  ${server.name}: open ${i + 1}/${OPENS} ${ms(result.open[i])} ms, ${result.diagnostics} diagnostics\n`);
    if (i < OPENS - 1) await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  process.stderr.write(`  ${server.name}: RSS after the opens ${rssOf(child.pid!).toFixed(0)} MB\n`);
  // One-line edits in the middle document: replicas 2 → 3 → 2 …, each a new version.
  const lines = text.split('\n');
  const target = lines.findIndex((line, index) => index > lines.length / 2 && line === '  replicas: 2');
  let version = 1;
  let editCpuStart = 0;
  for (let i = 0; i < EDITS + 3; i++) {
    if (i === 3) editCpuStart = cpuOf(child.pid!);
    version++;
    const value = i % 2 === 0 ? '3' : '2';
    const done = diagnosticsFor(uri, version);
    const started = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target, character: 12 }, end: { line: target, character: 13 } }, text: value }],
    });
    await done;
    if (i >= 3) result.edit.push(performance.now() - started);
  }
  result.editCpu = (cpuOf(child.pid!) - editCpuStart) / EDITS;
  process.stderr.write(`  ${server.name}: RSS after the edits ${rssOf(child.pid!).toFixed(0)} MB\n`);

  // Completion inside container blocks spread over the file (after "        image: nginx:1.27" lines).
  const containerLines = lines.map((line, index) => (line === '        image: nginx:1.27' ? index : -1)).filter((index) => index >= 0);
  for (let i = 0; i < COMPLETIONS + 5; i++) {
    const line = containerLines[(i * 7) % containerLines.length];
    const started = performance.now();
    const items = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character: 8 } })) as unknown[] | { items: unknown[] } | null;
    const count = Array.isArray(items) ? items.length : items?.items.length ?? 0;
    if (i >= 5) result.completion.push(performance.now() - started);
    if (i === 5) process.stderr.write(`  ${server.name}: completion returned ${count} items\n`);
  }
  process.stderr.write(`  ${server.name}: RSS after completion ${rssOf(child.pid!).toFixed(0)} MB\n`);
  for (let i = 0; i < 25; i++) {
    let started = performance.now();
    await connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    if (i >= 5) result.folding.push(performance.now() - started);
    started = performance.now();
    await connection.sendRequest('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: containerLines[(i * 7) % containerLines.length], character: 17 }] });
    if (i >= 5) result.selection.push(performance.now() - started);
  }
  result.rssMb = rssOf(child.pid!);
  await connection.sendRequest('shutdown').catch(() => undefined);
  await connection.sendNotification('exit').catch(() => undefined);
  child.kill();
  void lastCount;
  return result;
}

interface Runtime { label: string; node: string }

/**
 * The servers run on the Node of the editor's extension host when it is at hand: code-server's Node
 * (test/infra/vscode caches it; VS Code desktop ships a Node 22 in Electron). The bench's own Node is
 * measured too: its older V8 warms up more slowly.
 */
function runtimes(): Runtime[] {
  const out: Runtime[] = [];
  const cache = path.join(process.env.SHIPSHAPE_CACHE ?? path.join(os.homedir(), '.cache', 'shipshape'), 'vscode');
  const editor = process.env.BENCH_SERVER_NODE ?? (fs.existsSync(cache) ? fs.readdirSync(cache)
    .filter((d) => /^code-server-.*-node-/.test(d))
    .map((d) => path.join(cache, d, 'node', 'node_modules', '.bin', 'node'))
    .find((p) => fs.existsSync(p)) : undefined);
  if (editor) {
    const version = execFileSync(editor, ['--version'], { encoding: 'utf8' }).trim();
    out.push({ label: `Node ${version}, the Node code-server runs the extension host on`, node: editor });
  }
  out.push({ label: `Node ${process.version}, the bench's own`, node: process.execPath });
  return out;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-k8s-bench-'));
  const schemaFile = path.join(dir, 'kubernetes-1.36.schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify(exportKubernetesSchema('1.36')));
  const schemaUri = pathToFileURL(schemaFile).toString();
  const servers: Server[] = [
    {
      name: 'Shipshape',
      // As the extension and the launcher's shebang start it.
      command: [...SERVER_NODE_FLAGS, path.join(REPO, 'bin', 'shipshape-language-server.js'), '--stdio'],
      settings: { shipshape: { kubernetes: { version: '1.36' } }, kubernetes: { version: '1.36' } },
    },
    {
      name: 'yaml-language-server 2.0.0',
      command: [path.join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      settings: { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, schemas: { [schemaUri]: '*.yaml' } } },
    },
  ];
  const measured = [];
  for (const runtime of runtimes()) {
    const results: Record<string, Result> = {};
    for (const server of servers) {
      process.stderr.write(`${server.name} on ${runtime.label}\n`);
      results[server.name] = await measure(server, dir, runtime.node);
    }
    measured.push({ runtime, ours: results[servers[0].name], peer: results[servers[1].name] });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const [{ runtime, ours, peer }, ...others] = measured;
  const row = (label: string, pick: (r: Result) => number[], quantile: 'median' | 'p95' | 'first', goal: string, a = ours, b = peer) => {
    const x = quantile === 'first' ? pick(a)[0] : stats(pick(a))[quantile];
    const y = quantile === 'first' ? pick(b)[0] : stats(pick(b))[quantile];
    return [label, `${ms(x)} ms`, `${ms(y)} ms`, `${(y / x).toFixed(1)}×`, goal];
  };
  const out = [
    '## Kubernetes manifests',
    '',
    `A generated ${DOCS * LINES_PER_DOC}-line, ${DOCS}-document manifest (Deployments, Services, ConfigMaps), through each server over stdio in the same run.`,
    `The peer is yaml-language-server 2.0.0 given the same strict schema Shipshape bundles for Kubernetes 1.36 (\`shipshape schema export\`), schemaStore off.`,
    `Machine load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min, ${os.cpus().length} cores shared with other work).`,
    `Open: ${OPENS} opens of fresh text each, one file after another in the same server; edit: ${EDITS} one-line edits (replicas) in the middle document; completion: ${COMPLETIONS} requests inside container blocks.`,
    `Both servers run on ${runtime.label}; Shipshape with the flags it is always launched with (${SERVER_NODE_FLAGS.join(' ')}).`,
    '',
    table(['Measure', 'Shipshape', 'yaml-language-server', 'Speed-up', 'Goal'], [
      row('open → diagnostics (median)', (r) => r.open, 'median', '≤ 150 ms, ≥ 10×'),
      row('first open → diagnostics (code not yet compiled by the JIT)', (r) => r.open, 'first', ''),
      row('one-line edit → diagnostics (median)', (r) => r.edit, 'median', '≤ 20 ms, ≥ 10×'),
      row('completion (p95)', (r) => r.completion, 'p95', '≤ 30 ms'),
      row('folding ranges, whole file (median)', (r) => r.folding, 'median', 'a few ms'),
      row('selection range, one position (median)', (r) => r.selection, 'median', ''),
      ['server CPU per open (median)', `${stats(ours.openCpu).median} ms`, `${stats(peer.openCpu).median} ms`, `${(stats(peer.openCpu).median / Math.max(1, stats(ours.openCpu).median)).toFixed(1)}×`, 'CPU time, independent of load'],
      ['server CPU per edit (mean)', `${ours.editCpu.toFixed(1)} ms`, `${peer.editCpu.toFixed(1)} ms`, '', ''],
      ['server RSS after the run', `${ours.rssMb.toFixed(0)} MB`, `${peer.rssMb.toFixed(0)} MB`, '', '≤ 150 MB'],
      ['diagnostics on the file', String(ours.diagnostics), String(peer.diagnostics), '', ''],
    ]),
    '',
    ...others.flatMap((other) => [
      `The same on ${other.runtime.label}:`,
      '',
      table(['Measure', 'Shipshape', 'yaml-language-server', 'Speed-up', 'Goal'], [
        row('open → diagnostics (median)', (r) => r.open, 'median', '≤ 150 ms, ≥ 10×', other.ours, other.peer),
        row('first open → diagnostics', (r) => r.open, 'first', '', other.ours, other.peer),
        row('one-line edit → diagnostics (median)', (r) => r.edit, 'median', '≤ 20 ms, ≥ 10×', other.ours, other.peer),
        row('completion (p95)', (r) => r.completion, 'p95', '≤ 30 ms', other.ours, other.peer),
      ]),
      '',
    ]),
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
