import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FoldingOptions } from '../core/language';
import { oneRangePerLine, trimEnd } from '../core/ranges';
import { dashBefore, spanOf, type YamlText, type YamlTree } from './spans';

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
