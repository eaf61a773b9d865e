// A line diff for apply previews and edit conflicts, in unified format. Myers' O((N+M)·D) algorithm after
// trimming the common head and tail, so a 20,000-line object with a few changes costs milliseconds and
// little memory (an LCS table for it needed ~1.6 GB). Past MAX_EDITS differing lines the middle is shown
// as removed and added whole: still a correct diff, in linear time.
type Op = { t: ' ' | '-' | '+'; s: string; ai: number; bi: number };

/** The most edits (lines removed plus added) the diff searches for the shortest script. */
export const MAX_EDITS = 2000;

export function unifiedDiff(before: string, after: string, labels: { before: string; after: string } = { before: 'live', after: 'proposed' }, context = 3): string {
  // An absent side (object created or deleted) has no lines at all, not one empty line.
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const ops = diffLines(a, b);
  if (!ops.some((o) => o.t !== ' ')) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.t === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2*context lines of each other.
    for (let x = k; x < ops.length; x++) {
      if (ops[x]!.t !== ' ') end = x;
      else if (x - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    let removed = 0;
    let added = 0;
    for (const o of hunk) {
      if (o.t !== '+') removed++;
      if (o.t !== '-') added++;
    }
    out.push(`@@ -${hunk[0]!.ai + 1},${removed} +${hunk[0]!.bi + 1},${added} @@`);
    for (const o of hunk) out.push(`${o.t}${o.s}`);
    k = stop;
  }
  return out.join('\n') + '\n';
}

/** The edit script of a → b, line by line; within each run of changes, removals come first (as `diff -u`). */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = MAX_EDITS): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB, maxEdits) ?? [...midA.map(() => '-' as const), ...midB.map(() => '+' as const)];
  const ops: Op[] = [];
  let ai = 0;
  let bi = 0;
  const push = (t: Op['t']) => {
    const s = t === '+' ? b[bi]! : a[ai]!;
    ops.push({ t, s, ai, bi });
    if (t !== '+') ai++;
    if (t !== '-') bi++;
  };
  for (let i = 0; i < head; i++) push(' ');
  // Reorder each change run so every '-' precedes its '+': the same lines, read as diff -u prints them.
  for (let i = 0; i < middle.length; ) {
    if (middle[i] === ' ') {
      push(' ');
      i++;
      continue;
    }
    let j = i;
    while (j < middle.length && middle[j] !== ' ') j++;
    const run = middle.slice(i, j);
    for (const t of run) if (t === '-') push('-');
    for (const t of run) if (t === '+') push('+');
    i = j;
  }
  for (let i = 0; i < tail; i++) push(' ');
  return ops;
}

/** Myers' greedy shortest edit script, or undefined when it needs more than `maxD` edits. */
function myers(a: readonly string[], b: readonly string[], maxD: number): (' ' | '-' | '+')[] | undefined {
  const n = a.length;
  const m = b.length;
  if (!n) return b.map(() => '+');
  if (!m) return a.map(() => '-');
  const limit = Math.min(n + m, maxD);
  const off = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] = v[-d..d] after round d: what the walk back needs (O(D²) memory, D ≤ maxD).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(off - d, off + d + 1));
        return walkBack(trace, n, m);
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  return undefined;
}

function walkBack(trace: Int32Array[], n: number, m: number): (' ' | '-' | '+')[] {
  const out: (' ' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push(' ');
      x--;
      y--;
    }
    if (down) {
      out.push('+');
      y--;
    } else {
      out.push('-');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    out.push(' ');
    x--;
    y--;
  }
  return out.reverse();
}
