/**
 * A generated multi-document manifest through a language server over stdio: open → diagnostics, one-line
 * edit → diagnostics, completion, folding and selection latency, server CPU and RSS. Shared by
 * kubernetes.bench.ts (5,000 lines) and kubernetes-scale.bench.ts (50,000 and 100,000 lines).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { exportKubernetesSchema } from '../../server/src/cli/schema';
import { SERVER_NODE_FLAGS } from '../../client/src/language/launch-flags';
import { ms } from './stats';

const REPO = path.resolve(__dirname, '..', '..');
export const LINES_PER_DOC = 25;

/**
 * `count` documents of exactly 25 lines: Deployments, Services, ConfigMaps in turn. `errors` Deployments,
 * spread over the file, declare a named containerPort where the API wants an integer (one finding each).
 */
export function generate(run: string, count: number, errors = 0): string {
  const docs: string[] = [];
  const deployments = Math.ceil(count / 3);
  const broken = new Set(Array.from({ length: errors }, (_, k) => 3 * Math.floor(((k + 0.5) * deployments) / errors)));
  for (let i = 0; i < count; i++) {
    let lines: string[];
    if (i % 3 === 0) {
      lines = [
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: app-${i}`,
        '  labels:',
        `    run: ${run}`,
        'spec:',
        '  replicas: 2',
        '  selector:',
        '    matchLabels:',
        `      app: app-${i}`,
        '  template:',
        '    metadata:',
        '      labels:',
        `        app: app-${i}`,
        '    spec:',
        '      containers:',
        `      - name: app-${i}`,
        '        image: nginx:1.27',
        '        ports:',
        broken.has(i) ? '        - containerPort: http8080' : '        - containerPort: 8080',
        '        resources:',
        '          limits: {cpu: 500m, memory: 128Mi}',
        '          requests: {cpu: 100m, memory: 64Mi}',
      ];
    } else if (i % 3 === 1) {
      lines = [
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        `  name: svc-${i}`,
        '  labels:',
        `    run: ${run}`,
        '  annotations:',
        '    example.com/owner: team-a',
        'spec:',
        '  type: ClusterIP',
        '  selector:',
        `    app: app-${i - 1}`,
        '  ports:',
        '  - name: http',
        '    port: 80',
        '    targetPort: 8080',
        '    protocol: TCP',
        '  - name: metrics',
        '    port: 9090',
        '    targetPort: 9090',
        '    protocol: TCP',
        '  sessionAffinity: None',
        '  internalTrafficPolicy: Cluster',
        '  publishNotReadyAddresses: false',
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

export interface Server {
  name: string;
  command: string[];
  /** Settings pushed after initialize (yaml-language-server reads them from didChangeConfiguration). */
  settings: unknown;
  /** Notifications the editor's extension sends after initialized, and requests it answers for the server. */
  notifications?: string[];
  requests?: Record<string, (params: unknown) => unknown>;
}

export interface Result {
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

export interface Workload {
  /** Documents per file (25 lines each) and how many of them carry an error. */
  docs: number;
  errors?: number;
  opens: number;
  edits: number;
  completions: number;
  /** Another file than generate()'s Deployments/Services/ConfigMaps: its text, the line edited, where completion runs. */
  manifest?: Manifest;
}

export interface Manifest {
  generate(run: string, docs: number): string;
  /** The exact line edited in the middle document, the column of the character replaced and its two values. */
  edit: { line: string; character: number; values: [string, string] };
  /** Completion runs on the line after each line equal to this, at `character`. */
  completionAfter: string;
  completionCharacter: number;
}

const DEFAULT_MANIFEST: Manifest = {
  generate: (run, docs) => generate(run, docs),
  edit: { line: '  replicas: 2', character: 12, values: ['3', '2'] },
  completionAfter: '        image: nginx:1.27',
  completionCharacter: 8,
};

export async function measure(server: Server, dir: string, node: string, work: Workload): Promise<Result> {
  const { opens: OPENS, edits: EDITS, completions: COMPLETIONS } = work;
  const manifest = work.manifest ?? { ...DEFAULT_MANIFEST, generate: (run: string, docs: number) => generate(run, docs, work.errors) };
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
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((item) => {
      const settings = server.settings as Record<string, unknown>;
      return item.section ? (settings[item.section] ?? null) : settings;
    }),
  );
  for (const [method, answer] of Object.entries(server.requests ?? {})) connection.onRequest(method, answer);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const rootUri = pathToFileURL(dir).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, foldingRange: { lineFoldingOnly: true } },
    },
  });
  await connection.sendNotification('initialized', {});
  for (const method of server.notifications ?? []) await connection.sendNotification(method);
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });
  const diagnosticsFor = (uri: string, version?: number, timeout = 120_000) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${server.name}: no diagnostics for ${uri} v${version} in ${timeout} ms; stderr: ${stderr.slice(-2000)}`)), timeout);
      waiters.set(`${uri}#${version ?? ''}`, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
    });

  const result: Result = { openCpu: [], editCpu: 0, open: [], edit: [], completion: [], folding: [], selection: [], rssMb: 0, diagnostics: 0 };
  let uri = '';
  let text = '';
  for (let i = 0; i < OPENS; i++) {
    text = manifest.generate(`r${i}-${server.name.length}`, work.docs);
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
  // One-line edits in the middle document (replicas 2 → 3 → 2 …), each a new version.
  const lines = text.split('\n');
  const target = lines.findIndex((line, index) => index > lines.length / 2 && line === manifest.edit.line);
  const at = manifest.edit.character;
  let version = 1;
  let editCpuStart = 0;
  for (let i = 0; i < EDITS + 3; i++) {
    if (i === 3) editCpuStart = cpuOf(child.pid!);
    version++;
    const value = manifest.edit.values[i % 2];
    const done = diagnosticsFor(uri, version);
    const started = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: target, character: at }, end: { line: target, character: at + 1 } }, text: value }],
    });
    await done;
    if (i >= 3) result.edit.push(performance.now() - started);
  }
  result.editCpu = (cpuOf(child.pid!) - editCpuStart) / EDITS;
  process.stderr.write(`  ${server.name}: RSS after the edits ${rssOf(child.pid!).toFixed(0)} MB\n`);

  // Completion inside container blocks spread over the file (after "        image: nginx:1.27" lines).
  const containerLines = lines.map((line, index) => (line === manifest.completionAfter ? index : -1)).filter((index) => index >= 0);
  for (let i = 0; i < COMPLETIONS + 5; i++) {
    const line = containerLines[(i * 7) % containerLines.length];
    const started = performance.now();
    const items = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character: manifest.completionCharacter } })) as unknown[] | { items: unknown[] } | null;
    const count = Array.isArray(items) ? items.length : (items?.items.length ?? 0);
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
  // Let it exit on its own (a --cpu-prof run writes its profile then), killed only if it does not.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  void lastCount;
  return result;
}

export interface Runtime {
  label: string;
  node: string;
}

/**
 * The servers run on the Node of the editor's extension host when it is at hand: code-server's Node
 * (test/infra/vscode caches it; VS Code desktop ships a Node 22 in Electron). The bench's own Node is
 * measured too: its older V8 warms up more slowly.
 */
export function runtimes(): Runtime[] {
  const out: Runtime[] = [];
  const cache = path.join(process.env.SHIPSHAPE_CACHE ?? path.join(os.homedir(), '.cache', 'shipshape'), 'vscode');
  const editor =
    process.env.BENCH_SERVER_NODE ??
    (fs.existsSync(cache)
      ? fs
          .readdirSync(cache)
          .filter((d) => /^code-server-.*-node-/.test(d))
          .map((d) => path.join(cache, d, 'node', 'node_modules', '.bin', 'node'))
          .find((p) => fs.existsSync(p))
      : undefined);
  if (editor) {
    const version = execFileSync(editor, ['--version'], { encoding: 'utf8' }).trim();
    out.push({ label: `Node ${version}, the Node code-server runs the extension host on`, node: editor });
  }
  out.push({ label: `Node ${process.version}, the bench's own`, node: process.execPath });
  return out;
}

/**
 * Shipshape as the extension starts it, and yaml-language-server 2.0.0 as vscode-yaml runs it for a user who
 * set `"yaml.schemas": {"kubernetes": "*.yaml"}` (and yaml.kubernetesVersion): the keyword turns on its
 * Kubernetes mode and names the kubernetes-json-schema URL for that version, which vscode-yaml fetches for
 * the server (yaml/registerContentRequest, then vscode/content). Nothing outside a package registry can be
 * fetched here, so the bench answers that request with the schema Shipshape bundles for the same version
 * (`shipshape schema export`); any other URL is refused as an offline editor would.
 */
export const PEER_KUBERNETES_VERSION = '1.36';
/** How the peer is set up, for the benches' text. */
export const PEER_SETUP = `The peer is yaml-language-server 2.0.0 as vscode-yaml runs it with \`"yaml.schemas": {"kubernetes": "*.yaml"}\`, \`"yaml.kubernetesVersion": "${PEER_KUBERNETES_VERSION}.0"\` (its Kubernetes mode), schemaStore and the CRD store off; the schema URL the keyword names is answered (vscode/content) with the schema Shipshape bundles for ${PEER_KUBERNETES_VERSION} (\`shipshape schema export\`), as nothing outside a package registry can be fetched here.`;
export function servers(): Server[] {
  const schema = JSON.stringify(exportKubernetesSchema(PEER_KUBERNETES_VERSION));
  const schemaUrl = `https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v${PEER_KUBERNETES_VERSION}.0-standalone-strict/all.json`;
  return [
    {
      name: 'Shipshape',
      // As the extension and the launcher's shebang start it.
      command: [...SERVER_NODE_FLAGS, path.join(REPO, 'bin', 'shipshape-language-server.js'), '--stdio'],
      settings: { shipshape: { kubernetes: { version: '1.36' } }, kubernetes: { version: '1.36' } },
    },
    {
      name: 'yaml-language-server 2.0.0',
      command: [path.join(REPO, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      settings: { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, kubernetesVersion: `${PEER_KUBERNETES_VERSION}.0`, schemas: { kubernetes: '*.yaml' } } },
      notifications: ['yaml/registerContentRequest'],
      requests: {
        'vscode/content': (uri) => {
          if (uri === schemaUrl) return schema;
          throw new Error(`offline: ${String(uri)}`);
        },
      },
    },
  ];
}
