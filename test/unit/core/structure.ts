/** Helpers for folding and selection-range tests: compact forms and the LSP's well-formedness rules. */
import assert from 'node:assert/strict';
import type { FoldingRange, Position, Range, SelectionRange } from 'vscode-languageserver-types';

export const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** "start-end" per range, "start-end comment" for comment runs, "@char" when an end character is given. */
export function folds(ranges: FoldingRange[]): string[] {
  return ranges.map((r) => `${r.startLine}-${r.endLine}${r.endCharacter === undefined ? '' : `@${r.endCharacter}`}${r.kind ? ` ${r.kind}` : ''}`);
}

/** The chain of a selection range, innermost first, as "l:c-l:c". */
export function chain(range: SelectionRange): string[] {
  const out: string[] = [];
  for (let r: SelectionRange | undefined = range; r; r = r.parent) out.push(at(r.range));
  return out;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

/** start <= end for every fold, at most one fold per start line. */
export function assertFoldsWellFormed(ranges: FoldingRange[], lineCount: number, label: string): void {
  const starts = new Set<number>();
  for (const r of ranges) {
    assert.ok(r.startLine < r.endLine && r.endLine < lineCount, `${label}: fold ${r.startLine}-${r.endLine} of ${lineCount} lines`);
    assert.ok(!starts.has(r.startLine), `${label}: two folds start on line ${r.startLine}`);
    starts.add(r.startLine);
  }
}

/** The innermost range holds the position, each range is well-formed, each parent holds its child and differs from it. */
export function assertSelectionWellFormed(range: SelectionRange, position: Position, label: string): void {
  assert.ok(before(range.range.start, position) && before(position, range.range.end), `${label}: ${at(range.range)} does not hold ${position.line}:${position.character}`);
  for (let r: SelectionRange | undefined = range; r; r = r.parent) {
    assert.ok(before(r.range.start, r.range.end), `${label}: ${at(r.range)} ends before it starts`);
    if (!r.parent) break;
    const p = r.parent.range;
    assert.ok(before(p.start, r.range.start) && before(r.range.end, p.end), `${label}: parent ${at(p)} does not hold ${at(r.range)}`);
    assert.notEqual(at(p), at(r.range), `${label}: parent repeats ${at(p)}`);
  }
}
