import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FoldingOptions } from '../core/language';

/**
 * One parsed YAML document and where the text its ranges count from sits in the file: Kubernetes parses each
 * document of a file on its own (ranges local to it), Compose parses the whole file (base 0).
 * Only node `range`s, `items`, `key`/`value` and `flow` are read, never CST tokens.
 */
export interface YamlTree {
  doc: Document.Parsed;
  /** File offset where the tree's own text starts. */
  base: number;
  /** File offset where it ends; ranges are clamped to it. */
  end: number;
}

/** The parts of a file both YAML features need. */
export interface YamlText {
  text: string;
  document: TextDocument;
}

type Ranged = { range?: [number, number, number] | null; flow?: boolean; type?: string };

/** File offsets [start, end) of a node, end without the trailing whitespace the parser counts in. */
export function spanOf(node: unknown, tree: YamlTree, text: string): [number, number] | undefined {
  const range = (node as Ranged | null | undefined)?.range;
  if (!range) return undefined;
  const start = Math.min(tree.base + range[0], tree.end);
  return [start, trimEnd(text, start, Math.min(tree.base + range[1], tree.end))];
}

/** The end offset with trailing whitespace (newlines included) removed, never before `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}

export function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Offset of the `- ` that introduces a block sequence item starting at `start` (or `start` itself). */
export function dashBefore(text: string, start: number): number {
  let k = start;
  while (k > 0 && isWhitespace(text.charCodeAt(k - 1))) k--;
  return k > 0 && text.charCodeAt(k - 1) === 45 /* - */ ? k - 1 : start;
}

export function isBlockScalar(node: unknown): boolean {
  const type = (node as Ranged).type;
  return type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
}

interface Walk {
  text: string;
  document: TextDocument;
  options: FoldingOptions;
  out: FoldingRange[];
  /** Lines that belong to a multi-line scalar: a `#` there is content, not a comment. */
  scalarLines: Uint8Array;
}

/**
 * Folding ranges: each `---` document as a whole, each key whose value spans lines (block or flow
 * collection, block or multi-line scalar), each multi-line sequence item, multi-line flow collections, and
 * runs of two or more comment lines. At most one range starts on a line (the widest).
 */
export function yamlFoldingRanges(file: YamlText, trees: readonly YamlTree[], options: FoldingOptions): FoldingRange[] {
  const { text, document } = file;
  const w: Walk = { text, document, options, out: [], scalarLines: new Uint8Array(document.lineCount + 1) };
  for (const tree of trees) {
    const { doc } = tree;
    const docStart = Math.min(tree.base + (doc.range?.[0] ?? 0), tree.end);
    if (text.startsWith('---', docStart)) {
      const end = trimEnd(text, docStart, Math.min(tree.base + (doc.range?.[2] ?? 0), tree.end));
      push(w, docStart, end);
    }
    const root = doc.contents;
    if ((isMap(root) || isSeq(root)) && root.flow) fold(w, tree, spanOf(root, tree, text)?.[0], root);
    walk(w, tree, root);
  }
  commentRuns(w);
  return oneRangePerLine(w.out);
}

function walk(w: Walk, tree: YamlTree, node: unknown): void {
  if (isMap(node)) {
    for (const pair of node.items) walkPair(w, tree, pair);
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        walkPair(w, tree, item);
        continue;
      }
      const span = spanOf(item, tree, w.text);
      if (!span) continue;
      fold(w, tree, node.flow ? span[0] : dashBefore(w.text, span[0]), item);
      walk(w, tree, item);
    }
  } else if (isScalar(node)) {
    const span = spanOf(node, tree, w.text);
    if (!span || !spansLines(w.text, span[0], span[1])) return;
    const first = w.document.positionAt(span[0]).line;
    const last = w.document.positionAt(span[1]).line;
    for (let line = first + 1; line <= last; line++) w.scalarLines[line] = 1;
  }
}

function walkPair(w: Walk, tree: YamlTree, pair: unknown): void {
  if (!isPair(pair)) return;
  const start = spanOf(pair.key, tree, w.text)?.[0] ?? spanOf(pair.value, tree, w.text)?.[0];
  fold(w, tree, start, pair.value ?? pair.key);
  walk(w, tree, pair.key);
  walk(w, tree, pair.value);
}

/** A range from `start` to the end of `last`; a closing bracket on a line of its own stays visible. */
function fold(w: Walk, tree: YamlTree, start: number | undefined, last: unknown): void {
  const span = spanOf(last, tree, w.text);
  if (start === undefined || !span || !spansLines(w.text, start, span[1])) return;
  const flow = (isMap(last) || isSeq(last)) && last.flow;
  const close = span[1] - 1;
  if (!flow || close <= start || (w.text[close] !== '}' && w.text[close] !== ']')) {
    push(w, start, span[1]);
    return;
  }
  const at = w.document.positionAt(close);
  const startLine = w.document.positionAt(start).line;
  if (!w.options.lineFoldingOnly) {
    if (at.line > startLine) w.out.push({ startLine, endLine: at.line, endCharacter: at.character });
  } else {
    const alone = w.text.slice(close - at.character, close).trim() === '';
    const endLine = alone ? at.line - 1 : at.line;
    if (endLine > startLine) w.out.push({ startLine, endLine });
  }
}

/** Most nodes sit on one line: checking for a newline is far cheaper than two positionAt calls. */
function spansLines(text: string, start: number, end: number): boolean {
  const newline = text.indexOf('\n', start);
  return newline >= 0 && newline < end;
}

function push(w: Walk, start: number, end: number, kind?: FoldingRangeKind): void {
  const startLine = w.document.positionAt(start).line;
  const endLine = w.document.positionAt(end).line;
  if (endLine > startLine) w.out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
}

/** Two or more consecutive lines whose first non-blank character is `#`, outside multi-line scalars. */
function commentRuns(w: Walk): void {
  const { text } = w;
  let line = 0;
  let runStart = -1;
  let offset = 0;
  while (offset <= text.length) {
    let next = text.indexOf('\n', offset);
    if (next < 0) next = text.length;
    let k = offset;
    while (k < next && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const comment = k < next && text.charCodeAt(k) === 35 /* # */ && !w.scalarLines[line];
    if (comment && runStart < 0) runStart = line;
    if (!comment && runStart >= 0) {
      if (line - 1 > runStart) w.out.push({ startLine: runStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
    offset = next + 1;
    line++;
  }
  if (runStart >= 0 && line - 1 > runStart) w.out.push({ startLine: runStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
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
