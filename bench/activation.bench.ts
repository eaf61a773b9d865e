// Extension activation and the cold open of a Dockerfile, measured inside a real VS Code extension host
// (code-server + chromium): a fresh window per run on test/e2e/cold-open/workspace, whose only file is a
// Dockerfile that no workspaceContains event matches, so opening it is what activates Shipshape. Each run's
// marks come from the extension (its clock), VS Code (its performance marks and the Running Extensions
// editor) and the language server (protocol STARTUP_TIMES_REQUEST); see test/e2e/cold-open/suite.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StartupTimes } from '../protocol';
import { REPO } from '../test/support/lsp-client';
import { ms, stats, table } from './support/stats';

const RUNS = 7;
/** Runs with Shipshape's caches of compiled code (the core's and the server's) emptied first: the first window after an install. */
const COLD_RUNS = 3;
const log = (message: string) => process.stderr.write(`  ${message}\n`);

interface Run {
  openAt: number;
  diagnosedAt: number;
  clock: { loadedAt: number; evaluatedAt: number; activateAt: number; returnedAt: number; diagnosticsSetAt: number; serverForkStart?: number; serverForkEnd?: number };
  /** Whether Shipshape's caches of compiled code were emptied before the run. */
  cold?: boolean;
  activationMs: number;
  vscode: Record<string, number>;
  runningExtensions?: string;
  server: StartupTimes;
  partLoadMs: { kubernetes: number; docker: number };
}

function readEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

function main(): void {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-activation-'));
  const env = { ...process.env, SHIPSHAPE_RUN_DIR: runDir };
  fs.mkdirSync(path.join(runDir, 'env'), { recursive: true });
  log('packaging and starting code-server');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, [path.join(REPO, 'test/e2e/build.mjs')], { cwd: REPO, stdio: 'inherit' });
  const runs: Run[] = [];
  const load = [os.loadavg()[0]];
  try {
    execFileSync('bash', [path.join(REPO, 'test/infra/vscode/up.sh')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const vscodeEnv = { ...env, ...readEnv(path.join(runDir, 'env/vscode.env')) };
    // Shipshape's folder under XDG_CACHE_HOME (client/src/language/cache-dir.ts): the core's V8 code cache, the server's compile cache.
    const codeCaches = path.join(vscodeEnv.SHIPSHAPE_VSCODE_DIR, 'xdg/cache/shipshape');
    // Cold runs spread among the warm ones, so a change of the machine's load meanwhile does not fall on one kind.
    const every = Math.floor((COLD_RUNS + RUNS) / COLD_RUNS);
    for (let i = 0; i < COLD_RUNS + RUNS; i++) {
      const cold = i % every === 0 && i / every < COLD_RUNS;
      if (cold) fs.rmSync(codeCaches, { recursive: true, force: true });
      else log(`caches: ${fs.existsSync(codeCaches) ? fs.readdirSync(codeCaches, { recursive: true }).join(' ') : 'none'}`);
      const metrics = path.join(runDir, `activation-${i}.json`);
      const result = spawnSync(
        process.execPath,
        [
          path.join(REPO, 'test/infra/vscode/run-extension-tests.mjs'),
          '--folder',
          path.join(REPO, 'test/e2e/cold-open/workspace'),
          '--tests',
          path.join(REPO, 'dist/test/e2e/cold-open/index.js'),
          '--screenshots',
          path.join(runDir, 'screenshots'),
          '--logs',
          path.join(runDir, 'logs'),
        ],
        { env: { ...vscodeEnv, SHIPSHAPE_E2E_METRICS: metrics, SHIPSHAPE_RESULTS_FILE: '' }, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      if (result.status !== 0 || !fs.existsSync(metrics)) throw new Error(`activation run ${i} failed (exit ${result.status})`);
      const r = { ...(JSON.parse(fs.readFileSync(metrics, 'utf8')) as Run), cold };
      runs.push(r);
      log(`run ${i + 1}${cold ? ' (caches empty)' : ''}: activation ${r.activationMs.toFixed(1)} ms, open → diagnostics ${(r.diagnosedAt - r.openAt).toFixed(0)} ms`);
    }
  } finally {
    spawnSync('bash', [path.join(REPO, 'test/infra/vscode/down.sh')], { env, stdio: 'ignore' });
    fs.rmSync(runDir, { recursive: true, force: true });
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
  load.push(os.loadavg()[0]);
  process.stdout.write(report(runs, load));
}

function row(label: string, samples: (number | undefined)[]): (string | number)[] {
  const known = samples.filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  if (!known.length) return [label, 'n/a', '', '', '', 0];
  const s = stats(known);
  return [label, ms(s.median), ms(s.p95), ms(s.min), ms(s.max), s.n];
}

/** "Activation: 41ms" of the Running Extensions editor's Shipshape row. */
function runningExtensionsMs(text: string | undefined): number | undefined {
  const match = /Activation: (\d+)\s*ms/.exec(text ?? '');
  return match ? Number(match[1]) : undefined;
}

function report(all: Run[], load: number[]): string {
  const runs = all.filter((r) => !r.cold);
  const coldRuns = all.filter((r) => r.cold);
  const bundleBytes = (name: string) => `${(fs.statSync(path.join(REPO, 'dist', name)).size / 1024).toFixed(0)} KiB`;
  const header = ['measure', 'median (ms)', 'p95 (ms)', 'min (ms)', 'max (ms)', 'runs'];
  const each = (f: (r: Run) => number | undefined) => runs.map(f);
  const v = (r: Run, mark: string) => r.vscode[mark];
  return `## Extension activation

Measured inside the real extension host of code-server (${readVsCodeVersion()}), with the packaged VSIX (its bundles minified; sizes here as \`npm run build\` leaves them, unminified:
dist/main.js ${bundleBytes('main.js')}, dist/extension.js ${bundleBytes('extension.js')}, dist/kubernetes.js ${bundleBytes('kubernetes.js')}, dist/docker.js ${bundleBytes('docker.js')}, dist/server.js ${bundleBytes('server.js')}),
a fresh window per run on test/e2e/cold-open/workspace: its one file, app.dockerfile, matches no \`workspaceContains\`
event, so the test's open of it is what activates Shipshape. The Kubernetes and Docker parts are not loaded by
it (the test asserts so); their first use is timed at the end. The machine (${os.cpus().length} cores) is shared with
other work: its 1-minute load average was ${load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end.

What each row covers:
- **Shipshape's activation**: the extension's own work, the goal of issue 15 item 7: loading its code (from the first
  statement of dist/main.js, the entry, which reads the core's code cache and evaluates dist/extension.js, to the last
  statement of dist/extension.js) plus the body of \`activate()\`. VS Code's wait in between is not in it.
- **VS Code's "Activation"**: what Developer: Show Running Extensions shows, \`codeLoadingTime + activateCallTime\` of
  the extension host's ActivationTimes: loading the code (VS Code's localized-messages set-up, then \`require()\` of the
  bundle) and the \`activate()\` call. Its \`activateResolvedTime\` is ~0: \`activate()\` returns no promise.
- **require() of the bundle**: VS Code's marks willLoadExtensionCode → didLoadExtensionCode.
- **VS Code's wait before activate()**: didLoadExtensionCode → activate() called: the extension host builds the
  ExtensionContext (storage, secrets, environment) in parallel with loading the code and calls \`activate()\` when
  both are done. Host overhead this extension cannot change, shown so it is not hidden in either figure above: in
  code-server 4.139.1's extension host (_loadExtensionContext) it is the wait for the extension's globalState,
  workspaceState and storage path to be ready, round trips to the window, which is busy opening the editor. The
  server's start-up now runs in this wait (the server track below).

${table(header, [
  row(
    "Shipshape's activation: bundle evaluation + activate() body",
    each((r) => r.activationMs),
  ),
  row(
    '— evaluation of dist/extension.js (through dist/main.js, the loader)',
    each((r) => r.clock.evaluatedAt - r.clock.loadedAt),
  ),
  row(
    '— activate() body',
    each((r) => r.clock.returnedAt - r.clock.activateAt),
  ),
  row(
    'VS Code\'s "Activation" (Running Extensions: codeLoadingTime + activateCallTime)',
    each((r) => runningExtensionsMs(r.runningExtensions)),
  ),
  row(
    'VS Code: require() of the bundle (its marks)',
    each((r) => v(r, 'didLoadExtensionCode') - v(r, 'willLoadExtensionCode')),
  ),
  row(
    'VS Code: its wait between the code loaded and activate() called',
    each((r) => r.clock.activateAt - v(r, 'didLoadExtensionCode')),
  ),
])}

### Open a Dockerfile in a fresh window → first diagnostics

From the test's \`openTextDocument\` to Shipshape's diagnostics for the file handed to VS Code, by phase (clocks: the
extension host's and the server's \`performance.timeOrigin + now()\`, one machine). Two tracks run side by side: the
core bundle forks the server on the turn after it has evaluated (client/src/language/prestart.ts), so the server's
Node start-up and bundle evaluation overlap VS Code's wait before it calls \`activate()\`; \`initialize\` is sent when
both are done (the client starts in \`activate()\` and takes the running process over).
The core bundle is loaded through a V8 code cache (client/src/main.ts) and the server runs with Node's compile cache
(NODE_COMPILE_CACHE), both in the user's cache folder: warm in these rows and the activation table above, emptied before
each run of the last table.

${table(header, [
  row(
    'open → VS Code starts loading Shipshape (the onLanguage:dockerfile activation)',
    each((r) => v(r, 'willLoadExtensionCode') - r.openAt),
  ),
  row(
    "extension host track: loading + activating Shipshape (VS Code's wait included) until activate() returns",
    each((r) => r.clock.returnedAt - v(r, 'willLoadExtensionCode')),
  ),
  row(
    'server track: core bundle evaluated → fork() of the server called (the next turn)',
    each((r) => (r.clock.serverForkStart ?? Number.NaN) - r.clock.evaluatedAt),
  ),
  row(
    "server track: the fork() call itself (synchronous, on the extension host's thread)",
    each((r) => (r.clock.serverForkEnd ?? Number.NaN) - (r.clock.serverForkStart ?? Number.NaN)),
  ),
  row(
    'server track: fork() called → server process started',
    each((r) => r.server.processStart - (r.clock.serverForkStart ?? Number.NaN)),
  ),
  row(
    'server track: Node start-up until its bundle runs',
    each((r) => r.server.bundleStart - r.server.processStart),
  ),
  row(
    'server track: evaluation of dist/server.js',
    each((r) => r.server.bundleEvaluated - r.server.bundleStart),
  ),
  row(
    'server evaluated before activate() returned (ms ahead; negative: the server was later)',
    each((r) => r.clock.returnedAt - r.server.bundleEvaluated),
  ),
  row(
    'the later of the two → `initialize` received',
    each((r) => (r.server.initialize ?? Number.NaN) - Math.max(r.clock.returnedAt, r.server.bundleEvaluated)),
  ),
  row(
    '`initialize` → `didOpen` of the Dockerfile received',
    each((r) => (r.server.firstOpen ?? Number.NaN) - (r.server.initialize ?? Number.NaN)),
  ),
  row(
    '`didOpen` → its diagnostics published',
    each((r) => (r.server.firstPublish ?? Number.NaN) - (r.server.firstOpen ?? Number.NaN)),
  ),
  row(
    "published → handed to VS Code (the language client's diagnostic collection)",
    each((r) => r.clock.diagnosticsSetAt - (r.server.firstPublish ?? Number.NaN)),
  ),
  row(
    '**total: open → first diagnostics (handed to VS Code)**',
    each((r) => r.clock.diagnosticsSetAt - r.openAt),
  ),
  row(
    "handed to VS Code → vscode.languages.onDidChangeDiagnostics (the extension host's 50 ms debounce of that event)",
    each((r) => r.diagnosedAt - r.clock.diagnosticsSetAt),
  ),
  row(
    'total: open → onDidChangeDiagnostics seen by the test',
    each((r) => r.diagnosedAt - r.openAt),
  ),
])}

#### With Shipshape's caches of compiled code emptied first (${coldRuns.length} runs: the first window after an install)

${table(header, [
  row(
    'server: evaluation of dist/server.js',
    coldRuns.map((r) => r.server.bundleEvaluated - r.server.bundleStart),
  ),
  row(
    '— evaluation of dist/extension.js (through dist/main.js)',
    coldRuns.map((r) => r.clock.evaluatedAt - r.clock.loadedAt),
  ),
  row(
    '**total: open → first diagnostics (handed to VS Code)**',
    coldRuns.map((r) => r.clock.diagnosticsSetAt - r.openAt),
  ),
  row(
    "Shipshape's activation: bundle evaluation + activate() body",
    coldRuns.map((r) => r.activationMs),
  ),
])}

### First use of a part

Loading a part on the first run of one of its commands (its stub's \`require()\` of the bundle and its registration),
after the cold open above: \`shipshape.k8s.reloadKubeconfig\` and \`shipshape.docker.refresh\`.

${table(header, [
  row(
    'Kubernetes part (dist/kubernetes.js)',
    each((r) => r.partLoadMs?.kubernetes),
  ),
  row(
    'Docker part (dist/docker.js)',
    each((r) => r.partLoadMs?.docker),
  ),
])}
`;
}

function readVsCodeVersion(): string {
  const versions = fs.readFileSync(path.join(REPO, 'test/infra/vscode/versions.sh'), 'utf8');
  return `code-server ${/CODE_SERVER_VERSION:-([\d.]+)/.exec(versions)?.[1] ?? '?'}`;
}

try {
  main();
} catch (error) {
  process.stderr.write(String((error as Error)?.stack ?? error) + '\n');
  process.exit(1);
}
