/**
 * Kubernetes at scale: the 5,000-line bench's generator at 2,000 documents (50,000 lines, 6 with an error)
 * and 4,000 documents (100,000 lines, 12 with an error), Shipshape and yaml-language-server 2.0.0 (set up as
 * its users set it for Kubernetes: see servers()) side by side in the same run, on the extension host's Node (code-server's, when cached; else the bench's own).
 * The point is that an edit costs the document it touches, not the file. Run `npm run build` first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../client/src/language/launch-flags';
import { LINES_PER_DOC, measure, PEER_SETUP, runtimes, servers, type Result } from './support/manifest-server';
import { ms, stats, table } from './support/stats';

// The peer takes seconds per open and per edit at these sizes: a few of each keep the run in minutes.
const OPENS = Number(process.env.BENCH_OPENS ?? 3);
const EDITS = Number(process.env.BENCH_EDITS ?? 10);
const SIZES = [
  { docs: 2000, errors: 6 },
  { docs: 4000, errors: 12 },
];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-k8s-scale-'));
  const [runtime] = runtimes();
  const rows: string[][] = [];
  for (const size of SIZES) {
    const results: Result[] = [];
    for (const server of servers()) {
      process.stderr.write(`${server.name}, ${size.docs * LINES_PER_DOC} lines, on ${runtime.label}\n`);
      results.push(await measure(server, dir, runtime.node, { ...size, opens: OPENS, edits: EDITS, completions: 10 }));
    }
    const [ours, peer] = results;
    const lines = `${(size.docs * LINES_PER_DOC).toLocaleString('en')} lines`;
    const row = (label: string, x: number, y: number, goal: string) => [`${lines}: ${label}`, `${ms(x)} ms`, `${ms(y)} ms`, `${(y / x).toFixed(1)}×`, goal];
    rows.push(
      row('open → diagnostics (median)', stats(ours.open).median, stats(peer.open).median, '≤ 500 ms'),
      row('first open → diagnostics (code not yet compiled by the JIT)', ours.open[0], peer.open[0], ''),
      row('one-line edit → diagnostics (median)', stats(ours.edit).median, stats(peer.edit).median, '≤ 20 ms'),
      row('one-line edit → diagnostics (p95)', stats(ours.edit).p95, stats(peer.edit).p95, ''),
      [`${lines}: server CPU per edit (mean)`, `${ours.editCpu.toFixed(1)} ms`, `${peer.editCpu.toFixed(1)} ms`, '', ''],
      [`${lines}: server RSS after the run`, `${ours.rssMb.toFixed(0)} MB`, `${peer.rssMb.toFixed(0)} MB`, '', '≤ 250 MB'],
      [`${lines}: diagnostics on the file`, String(ours.diagnostics), String(peer.diagnostics), '', String(size.errors)],
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const out = [
    '## Kubernetes manifests at scale',
    '',
    `The Kubernetes bench's generator scaled: ${SIZES.map((s) => `${(s.docs * LINES_PER_DOC).toLocaleString('en')} lines (${s.docs} documents, ${s.errors} with an error)`).join(' and ')}, through each server over stdio in the same run.`,
    PEER_SETUP,
    `Machine load average during the run: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min, ${os.cpus().length} cores shared with other work).`,
    `Per size and server: ${OPENS} opens of fresh text each, then ${EDITS} one-line edits (replicas) in the middle document; both servers on ${runtime.label}; Shipshape with ${SERVER_NODE_FLAGS.join(' ')}.`,
    '',
    table(['Measure', 'Shipshape', 'yaml-language-server', 'Speed-up', 'Goal'], rows),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
