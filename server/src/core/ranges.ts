import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FoldingRange, SelectionRange } from 'vscode-languageserver-types';

/** Offsets [start, end) in a file's text. */
export type Span = [number, number];

/** The end offset with trailing whitespace (newlines included) removed, never before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}

export function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Clients fold one range per start line (VS Code keeps whichever comes first): keep the widest, in order. */
export function oneRangePerLine(ranges: FoldingRange[]): FoldingRange[] {
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const out: FoldingRange[] = [];
  for (const range of ranges) {
    if (out.length && out[out.length - 1].startLine === range.startLine) continue;
    out.push(range);
  }
  return out;
}

export function contains(span: Span, offset: number): boolean {
  return span[0] <= offset && offset <= span[1];
}

/** Keeps spans that hold the cursor and sit inside the previous one, dropping repeats. */
export function nested(spans: readonly Span[], offset: number): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    if (!contains(span, offset)) continue;
    const parent = out[out.length - 1];
    if (parent && (span[0] < parent[0] || span[1] > parent[1] || (span[0] === parent[0] && span[1] === parent[1]))) continue;
    out.push(span);
  }
  return out;
}

/** Outermost-first spans as the LSP's linked list, innermost first. */
export function toSelectionRange(file: { document: TextDocument }, spans: readonly Span[]): SelectionRange {
  let range: SelectionRange | undefined;
  for (const [start, end] of spans) {
    const next: SelectionRange = { range: { start: file.document.positionAt(start), end: file.document.positionAt(end) } };
    if (range) next.parent = range;
    range = next;
  }
  return range ?? { range: { start: file.document.positionAt(0), end: file.document.positionAt(0) } };
}
