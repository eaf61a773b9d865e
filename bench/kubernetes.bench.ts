/**
 * Kubernetes: a generated 5,000-line, 200-document manifest through the real servers over stdio.
 * Shipshape (bin/shipshape-language-server.js) and yaml-language-server 2.0.0 side by side in the same
 * run, the peer set up as its users set it for Kubernetes (servers() in support/manifest-server.ts), no network. Measures open → diagnostics, one-line edit → diagnostics, completion latency, server RSS.
 * Every open uses fresh text (a run token in every document) so no cache from an earlier open helps.
 * Run `npm run build` first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../client/src/language/launch-flags';
import { LINES_PER_DOC, measure, PEER_SETUP, runtimes, servers as serverList, type Result } from './support/manifest-server';
import { ms, stats, table } from './support/stats';

// 15 opens: the first few run before the JIT has compiled the hot paths; the first is reported on its own.
const OPENS = Number(process.env.BENCH_OPENS ?? 15);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 60);
const DOCS = 200;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-k8s-bench-'));
  const servers = serverList();
  const measured = [];
  for (const runtime of runtimes()) {
    const results: Record<string, Result> = {};
    for (const server of servers) {
      process.stderr.write(`${server.name} on ${runtime.label}\n`);
      results[server.name] = await measure(server, dir, runtime.node, { docs: DOCS, opens: OPENS, edits: EDITS, completions: COMPLETIONS });
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
    PEER_SETUP,
    `Machine load average during the run: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min, ${os.cpus().length} cores shared with other work).`,
    `Open: ${OPENS} opens of fresh text each, one file after another in the same server; edit: ${EDITS} one-line edits (replicas) in the middle document; completion: ${COMPLETIONS} requests inside container blocks.`,
    `Both servers run on ${runtime.label}; Shipshape with the flags it is always launched with (${SERVER_NODE_FLAGS.join(' ')}).`,
    '',
    table(
      ['Measure', 'Shipshape', 'yaml-language-server', 'Speed-up', 'Goal'],
      [
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
      ],
    ),
    '',
    ...others.flatMap((other) => [
      `The same on ${other.runtime.label}:`,
      '',
      table(
        ['Measure', 'Shipshape', 'yaml-language-server', 'Speed-up', 'Goal'],
        [
          row('open → diagnostics (median)', (r) => r.open, 'median', '≤ 150 ms, ≥ 10×', other.ours, other.peer),
          row('first open → diagnostics', (r) => r.open, 'first', '', other.ours, other.peer),
          row('one-line edit → diagnostics (median)', (r) => r.edit, 'median', '≤ 20 ms, ≥ 10×', other.ours, other.peer),
          row('completion (p95)', (r) => r.completion, 'p95', '≤ 30 ms', other.ours, other.peer),
        ],
      ),
      '',
    ]),
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
