/**
 * The workspace pass (issue 15 item 8) over a generated 5,000-file workspace: how long it takes and how much
 * memory the server holds, and whether it slows typing: one-line edits to an open 5,000-line manifest, edit →
 * diagnostics, while the pass runs, next to the same edits with shipshape.diagnostics.scope "openFiles" (no
 * pass) in the same run. Run `npm run build` first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StatusParams, WorkspaceDiagnosticsStatus } from '../protocol';
import { fileUri, LspClient } from '../test/support/lsp-client';
import { generate, LINES_PER_DOC } from './support/manifest-server';
import { ms, stats, table } from './support/stats';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1250);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
/** The open manifest: 200 documents of 25 lines. */
const OPEN_DOCS = 200;
const log = (message: string) => process.stderr.write(`  ${message}\n`);

/**
 * SERVICES folders of four files each, as a monorepo of services has them: a Dockerfile, a compose.yaml and
 * two manifests (a Deployment, Service and ConfigMap of 75 lines; a ConfigMap of 25). One service in 50 has an
 * error in each file. Plus a gitignored build/ and a node_modules/ with 1,000 manifests each that the pass
 * must not check.
 */
function workspace(dir: string): { files: number; broken: number } {
  let files = 0;
  let broken = 0;
  const put = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  };
  for (let i = 0; i < SERVICES; i++) {
    const bad = i % 50 === 0;
    if (bad) broken++;
    const name = `svc-${String(i).padStart(4, '0')}`;
    put(
      `services/${name}/Dockerfile`,
      `FROM node:22-alpine ${bad ? 'as' : 'AS'} build\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\nEXPOSE 80\n`,
    );
    put(`services/${name}/compose.yaml`, `services:\n  ${name}:\n    build: .\n    ports: ["8080:80"]\n    depends_on: [${bad ? 'missing' : 'cache'}]\n  cache:\n    image: redis:7.4\n`);
    put(`services/${name}/k8s/deploy.yaml`, generate(name, 3, bad ? 1 : 0));
    put(`services/${name}/k8s/config.yaml`, generate(`${name}-cfg`, 3).split('\n---\n')[2].replace(/^/, '---\n'));
    files += 4;
  }
  put('.gitignore', 'build/\n');
  for (let i = 0; i < 1000; i++) {
    put(`build/out-${i}.yaml`, generate(`b${i}`, 3, 1));
    put(`node_modules/pkg-${i}/deploy.yaml`, generate(`n${i}`, 3, 1));
  }
  return { files, broken };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

interface Run {
  edits: number[];
  /** Edits whose diagnostics arrived while the pass was still checking. */
  duringPass: number;
  passMs?: number;
  checked?: number;
  problems?: number;
  rssMb: number;
  peakRssMb: number;
}

async function run(dir: string, scope: 'workspace' | 'openFiles'): Promise<Run> {
  const started = performance.now();
  const { client } = await LspClient.start({ folders: [{ path: dir, settings: { kubernetes: { version: '1.36' }, diagnostics: { scope } } }] });
  const pass = () =>
    client.notifications
      .filter((n) => n.method === 'shipshape/status')
      .map((n) => (n.params as StatusParams).workspaceDiagnostics)
      .filter((s): s is WorkspaceDiagnosticsStatus => !!s);
  const until = async (test: () => boolean, what: string, ms = 600_000) => {
    for (const deadline = Date.now() + ms; !test(); ) {
      if (Date.now() > deadline) throw new Error(`no ${what} in ${ms} ms; stderr: ${client.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  // The edits start when the pass does (or, without it, when the server is ready).
  if (scope === 'workspace') await until(() => pass().some((s) => s.state === 'checking' && s.checked > 0), 'running pass');
  else await until(() => client.notifications.some((n) => n.method === 'shipshape/status' && (n.params as StatusParams).state === 'ready'), 'ready server');
  const uri = fileUri(path.join(dir, 'editing.yaml'));
  const text = generate('open', OPEN_DOCS, 2);
  client.open(uri, 'yaml', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
  const lines = text.split('\n');
  const target = lines.findIndex((line, index) => index > lines.length / 2 && line === '  replicas: 2');
  const result: Run = { edits: [], duringPass: 0, rssMb: 0, peakRssMb: 0 };
  for (let i = 0; i < EDITS + 3; i++) {
    const t0 = performance.now();
    const version = client.change(uri, i % 2 === 0 ? '3' : '2', { start: { line: target, character: 12 }, end: { line: target, character: 13 } });
    await client.waitForDiagnostics(uri, (p) => p.version === version, 120_000);
    if (i < 3) continue; // JIT warm-up
    result.edits.push(performance.now() - t0);
    if (pass().at(-1)?.state === 'checking') result.duringPass++;
    // A typist's pace between keystrokes, so the pass gets turns in between as it would.
    await new Promise((r) => setTimeout(r, 30));
  }
  if (scope === 'workspace') {
    await until(() => pass().some((s) => s.state === 'done'), 'finished pass');
    const done = pass().find((s) => s.state === 'done')!;
    result.passMs = performance.now() - started;
    result.checked = done.checked;
    result.problems = done.problems;
    const logged = client.notifications.map((n) => (n.params as { message?: string }).message ?? '').find((m) => m.startsWith('Workspace diagnostics: checked'));
    if (logged) log(logged);
  }
  result.rssMb = (client.rss() ?? 0) / 2 ** 20;
  result.peakRssMb = peakRssMb(client.process.pid!);
  await client.stop();
  return result;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-workspace-pass-'));
  const load = os.loadavg();
  try {
    const { files, broken } = workspace(dir);
    log(`${files} files in ${dir}`);
    log('scope openFiles (no pass)');
    const alone = await run(dir, 'openFiles');
    log(`  edit median ${ms(stats(alone.edits).median)} ms`);
    log('scope workspace (the pass runs during the edits)');
    const withPass = await run(dir, 'workspace');
    log(`  edit median ${ms(stats(withPass.edits).median)} ms; ${withPass.duringPass}/${EDITS} during the pass; pass ${ms(withPass.passMs ?? 0)} ms`);
    const a = stats(alone.edits);
    const b = stats(withPass.edits);
    const rows = [
      ['one-line edit → diagnostics (median)', `${ms(a.median)} ms`, `${ms(b.median)} ms`],
      ['one-line edit → diagnostics (p95)', `${ms(a.p95)} ms`, `${ms(b.p95)} ms`],
      ['one-line edit → diagnostics (max)', `${ms(a.max)} ms`, `${ms(b.max)} ms`],
      ['edits answered while the pass was checking', '–', `${withPass.duringPass} of ${EDITS}`],
      [`start → pass done (${files.toLocaleString('en')} files checked, edits included)`, '–', `${ms(withPass.passMs ?? 0)} ms`],
      ['files the pass checked', '–', String(withPass.checked)],
      ['problems published (closed files and the open one)', '–', String(withPass.problems)],
      ['server RSS after the run', `${alone.rssMb.toFixed(0)} MB`, `${withPass.rssMb.toFixed(0)} MB`],
      ['server peak RSS (VmHWM)', `${alone.peakRssMb.toFixed(0)} MB`, `${withPass.peakRssMb.toFixed(0)} MB`],
    ];
    const out = [
      `## Workspace pass (${files.toLocaleString('en')} files)`,
      '',
      `A generated workspace of ${files.toLocaleString('en')} files (${SERVICES} service folders, each a Dockerfile, a compose.yaml, a ${3 * LINES_PER_DOC}-line and a ${LINES_PER_DOC}-line manifest; ${broken} folders with an error in every file), plus a gitignored build/ and a node_modules/ of 1,000 manifests each that the pass leaves out.`,
      `While the pass runs, ${EDITS} one-line edits (after 3 warm-up edits, 30 ms apart) to an open ${(OPEN_DOCS * LINES_PER_DOC).toLocaleString('en')}-line manifest, edit → its diagnostics, through the built server over stdio; the same edits with \`shipshape.diagnostics.scope: "openFiles"\` (no pass) in the same run, on the same workspace (the server indexes it for cross-file checks either way). No peer tool is named for this item: the baseline is Shipshape without the pass.`,
      `Machine load average before the run: ${load.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min, ${os.cpus().length} cores shared with other work); the bench's Node (${process.version}).`,
      '',
      table(['Measure', 'scope openFiles', 'scope workspace (pass running)'], rows),
      '',
    ];
    process.stdout.write(out.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
