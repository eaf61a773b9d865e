/**
 * Fuzz, long run: test/fuzz/harness.ts (every hostile input class of issue 13 once, then seeded mutations of
 * ../shared/corpus) against the built server over stdio, in an untrusted hostile workspace, for
 * SHIPSHAPE_FUZZ_SECONDS of mutations (default 600). `npm test` runs the same harness with 20 s of them (test/fuzz/fuzz.test.ts).
 * Run `npm run build` first.
 */
import * as os from 'node:os';
import { HANG_MS, RSS_BOUND_BYTES, runFuzz } from '../test/fuzz/harness';
import { table } from './support/stats';

const SECONDS = Number(process.env.SHIPSHAPE_FUZZ_SECONDS ?? 600);
const SEED = Number(process.env.SHIPSHAPE_FUZZ_SEED ?? 13);

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const r = await runFuzz({ seed: SEED, mutationMs: SECONDS * 1000, log: (line) => console.error(line) });
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
  console.log(`## Fuzz: hostile inputs and corpus mutations over LSP (${(r.elapsedMs / 1000).toFixed(0)} s, seed ${r.seed})

test/fuzz/harness.ts against bin/shipshape-language-server.js over stdio, the workspace untrusted, its cwd in a
generated hostile repository (fake \`shellcheck\` programs that record runs, a FIFO, /dev/zero links, links out
of the tree, a 5,000-file include chain, a CRD with a 100k enum, 10k versions and \`^(a+)+$\`). Each input is
opened, (for some) edited, and asked for completion, hover, definition, references, symbols, formatting,
folding, selection ranges, semantic tokens, links and code actions. A request over ${HANG_MS / 1000} s is a hang; the bound on
RSS is ${mb(RSS_BOUND_BYTES)} MB.

${table(['inputs', 'hostile', 'mutations', 'requests', 'crashes', 'hangs', 'programs run', 'peak RSS MB', 'slowest request'], [[r.inputs, r.hostile, r.mutations, r.requests, r.crashes.length, r.hangs.length, r.ran.length, mb(r.peakRssBytes), `${r.slowest.ms} ms (${r.slowest.method}, ${r.slowest.name})`]])}
${r.crashes.length || r.hangs.length ? `\nFailures:\n${[...r.crashes, ...r.hangs].map((line) => `- ${line}`).join('\n')}\n` : ''}
Machine load (1-minute average) was ${loadBefore.toFixed(1)} before and ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} CPUs.
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
