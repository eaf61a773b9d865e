// The hostile-input tests' one time bound: a hang, as the fuzz test defines one (test/fuzz/harness.ts).
// What these inputs did before their fixes took minutes at these sizes, so the bound still tells linear
// from quadratic, while a loaded 2-core CI machine never turns a linear run into a failure. Speed
// itself is measured by the benches, not here.
import assert from 'node:assert/strict';

/** A request or validation slower than this is a hang (the definition). */
export const HANG_MS = 10_000;

export function withinHangBound<T>(label: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  assert.ok(ms < HANG_MS, `${label}: ${ms.toFixed(0)} ms (a hang is ${HANG_MS} ms)`);
  return result;
}
