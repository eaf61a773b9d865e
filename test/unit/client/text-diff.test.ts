// The preview diff: Myers instead of an n×m table. Correct (applying it gives the new text), in
// diff -u's shape, and fast and small on a 20,000-line object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLines, MAX_EDITS, unifiedDiff } from '../../../client/src/kubernetes/actions/text-diff';

function apply(a: string[], ops: ReturnType<typeof diffLines>): string[] {
  const out: string[] = [];
  for (const o of ops) {
    if (o.t === ' ') assert.equal(o.s, a[o.ai]);
    if (o.t === '-') assert.equal(o.s, a[o.ai]);
    if (o.t !== '-') out.push(o.s);
  }
  return out;
}

test('a changed line reads as diff -u prints it: removal first, three lines of context', () => {
  const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n');
  const b = ['a', 'b', 'c', 'D', 'e', 'f', 'g'].join('\n');
  assert.equal(unifiedDiff(a, b), '--- live\n+++ proposed\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n');
  assert.equal(unifiedDiff(a, a), '');
  assert.equal(unifiedDiff('', 'x\ny'), '--- live\n+++ proposed\n@@ -1,0 +1,2 @@\n+x\n+y\n');
  assert.equal(unifiedDiff('x', ''), '--- live\n+++ proposed\n@@ -1,1 +1,0 @@\n-x\n');
});

test('random edits: the script turns a into b, and is no longer than the edits made', () => {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 200; round++) {
    const a = Array.from({ length: rnd(40) }, () => `l${rnd(6)}`);
    const b = [...a];
    let edits = 0;
    for (let e = rnd(6); e > 0; e--, edits++) {
      if (b.length && rnd(2)) b.splice(rnd(b.length), 1);
      else b.splice(rnd(b.length + 1), 0, `n${rnd(6)}`);
    }
    const ops = diffLines(a, b);
    assert.deepEqual(apply(a, ops), b);
    assert.ok(ops.filter((o) => o.t !== ' ').length <= edits, `round ${round}: ${ops.filter((o) => o.t !== ' ').length} > ${edits}`);
  }
});

test('a 20,000-line object with a few changes: milliseconds and a few MB (the LCS table needed ~1.6 GB)', () => {
  const a = Array.from({ length: 20_000 }, (_, i) => `  key${i}: value-${i}`);
  const b = [...a];
  b[5] = '  key5: changed';
  b.splice(10_000, 1);
  b.splice(15_000, 0, '  added: here');
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const diff = unifiedDiff(a.join('\n'), b.join('\n'));
  const ms = performance.now() - started;
  const grew = (process.memoryUsage().heapUsed - heap) / 1024 / 1024;
  assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
  assert.ok(grew < 100, `${grew.toFixed(0)} MB`);
  assert.equal(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length, 4);
});

test('two unrelated 20,000-line texts: past MAX_EDITS the middle is replaced whole, still correct and linear', () => {
  const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`);
  const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`);
  const started = performance.now();
  const ops = diffLines(a, b);
  assert.ok(performance.now() - started < 3000);
  assert.deepEqual(apply(a, ops), b);
  assert.ok(MAX_EDITS < 40_000);
});
