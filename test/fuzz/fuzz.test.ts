/**
 * The fuzz test (issue 13): every hostile input class once, then seeded corpus mutations for a small budget,
 * through the built server over stdio (`npm run build` first). 0 crashes, 0 requests over 10 s, RSS under
 * 1.5 GiB. Longer by hand (seconds of mutations): SHIPSHAPE_FUZZ_SECONDS=600 SHIPSHAPE_FUZZ_SEED=7 node scripts/run-tests.mjs test/fuzz
 * (bench/fuzz.bench.ts writes a long run's numbers into docs/BENCHMARKS.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RSS_BOUND_BYTES, runFuzz } from './harness';

/** Seconds of mutations after the hostile inputs (which take about a minute on a loaded 2-core machine). */
const SECONDS = Number(process.env.SHIPSHAPE_FUZZ_SECONDS ?? 20);
const SEED = Number(process.env.SHIPSHAPE_FUZZ_SEED ?? 13);

test(`fuzz: hostile inputs + corpus mutations then ${SECONDS} s of mutations (seed ${SEED})`, { timeout: (SECONDS + 600) * 1000 }, async () => {
  const result = await runFuzz({ seed: SEED, mutationMs: SECONDS * 1000, log: process.env.SHIPSHAPE_FUZZ_VERBOSE ? (line) => console.log(line) : undefined });
  console.log(
    `fuzz: ${result.inputs} inputs (${result.hostile} hostile, ${result.mutations} mutations), ${result.requests} requests in ${(result.elapsedMs / 1000).toFixed(0)} s; peak RSS ${(result.peakRssBytes / 1024 ** 2).toFixed(0)} MB; slowest ${result.slowest.method} ${result.slowest.ms} ms (${result.slowest.name})`,
  );
  assert.deepEqual(result.crashes, [], 'crashes');
  assert.deepEqual(result.hangs, [], 'requests over 10 s');
  assert.deepEqual(result.ran, [], 'programs from the workspace ran');
  assert.ok(result.peakRssBytes < RSS_BOUND_BYTES, `peak RSS ${(result.peakRssBytes / 1024 ** 2).toFixed(0)} MB`);
  assert.ok(result.mutations > 0, 'some mutations ran');
});
