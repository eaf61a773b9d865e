import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import { contains, nested, toSelectionRange, trimEnd, type Span } from '../core/ranges';
import { dashBefore, isBlockScalar, spanOf, type YamlText, type YamlTree } from './spans';

/**
 * Selection ranges as in yaml-language-server / VS Code's JSON: word → scalar → key: value → the enclosing
 * mapping → (`- ` item → sequence) → the parent key: value → … → the document → the whole file.
 * Inside a block scalar: word → line → content → the scalar with its header. In a comment: word → comment.
 */
export function yamlSelectionRanges(file: YamlText, trees: readonly YamlTree[], positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = file.document.offsetAt(position);
    const spans = spansAt(file.text, trees, offset);
    return toSelectionRange(file, nested(spans, offset));
  });
}

/** Candidate spans around `offset`, outermost first. */
function spansAt(text: string, trees: readonly YamlTree[], offset: number): Span[] {
  const spans: Span[] = [[0, text.length]];
  const tree = treeAt(trees, offset);
  if (!tree) return withComment(text, spans, offset, 0);
  const { doc } = tree;
  const docStart = Math.min(tree.base + (doc.range?.[0] ?? 0), tree.end);
  spans.push([docStart, trimEnd(text, docStart, Math.min(tree.base + (doc.range?.[2] ?? 0), tree.end))]);
  let node: unknown = doc.contents;
  // The end of the last node left of the cursor: a `#` after it starts a comment, not a scalar's text.
  let codeEnd = docStart;
  for (;;) {
    const span = spanOf(node, tree, text);
    if (!span || !contains(span, offset)) break;
    spans.push(span);
    if (isScalar(node) || isAlias(node)) {
      if (isBlockScalar(node)) blockScalarSpans(text, span, offset, spans);
      const word = wordAt(text, offset, spans[spans.length - 1]);
      if (word) spans.push(word);
      return spans;
    }
    let next: unknown;
    const items = isMap(node) || isSeq(node) ? (node.items as unknown[]) : [];
    for (const item of items) {
      if (isPair(item)) {
        const key = spanOf(item.key, tree, text);
        const value = spanOf(item.value, tree, text);
        const start = key?.[0] ?? value?.[0];
        if (start === undefined) continue;
        const pair: Span = [start, Math.max(key?.[1] ?? start, value?.[1] ?? start, colonAfter(text, key))];
        if (pair[1] <= offset) codeEnd = Math.max(codeEnd, pair[1]);
        if (!contains(pair, offset)) continue;
        spans.push(pair);
        next = key && contains(key, offset) ? item.key : value && contains(value, offset) ? item.value : undefined;
        break;
      }
      const span = spanOf(item, tree, text);
      if (!span) continue;
      if (span[1] <= offset) codeEnd = Math.max(codeEnd, span[1]);
      const withDash: Span = [isSeq(node) && !node.flow ? dashBefore(text, span[0]) : span[0], span[1]];
      if (!contains(withDash, offset)) continue;
      spans.push(withDash);
      next = item;
      break;
    }
    if (next === undefined) break;
    node = next;
  }
  return withComment(text, spans, offset, codeEnd);
}

/** Kubernetes trees cover the file end to end; a `---` line belongs to the document it opens. */
function treeAt(trees: readonly YamlTree[], offset: number): YamlTree | undefined {
  let found: YamlTree | undefined;
  for (const tree of trees) {
    const start = tree.base + (tree.doc.range?.[0] ?? 0);
    if (start <= offset && offset <= tree.end) found = tree;
  }
  return found;
}

/** Position right after `key:` (so `key:` with no value selects its colon too), or 0. */
function colonAfter(text: string, key: Span | undefined): number {
  if (!key) return 0;
  let k = key[1];
  while (text[k] === ' ' || text[k] === '\t') k++;
  return text[k] === ':' ? k + 1 : 0;
}

/** Inside a block scalar: its content without the `|` header line, and the current line of it. */
function blockScalarSpans(text: string, span: Span, offset: number, spans: Span[]): void {
  const newline = text.indexOf('\n', span[0]);
  if (newline < 0 || newline >= span[1]) return;
  let contentStart = newline + 1;
  while (contentStart < span[1] && /\s/.test(text[contentStart])) contentStart++;
  const content: Span = [contentStart, span[1]];
  if (!contains(content, offset)) return;
  spans.push(content);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let start = Math.max(lineStart, contentStart);
  while (start < offset && (text[start] === ' ' || text[start] === '\t')) start++;
  let end = text.indexOf('\n', offset);
  if (end < 0 || end > span[1]) end = span[1];
  spans.push([start, trimEnd(text, start, end)]);
}

/** A comment under the cursor (after any code on its line): the comment, then the word in it. */
function withComment(text: string, spans: Span[], offset: number, codeEnd: number): Span[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  for (let k = Math.max(lineStart, codeEnd); k < offset && k < lineEnd; k++) {
    if (text[k] === '#' && (k === lineStart || text[k - 1] === ' ' || text[k - 1] === '\t')) {
      const comment: Span = [k, trimEnd(text, k, lineEnd)];
      spans.push(comment);
      const word = wordAt(text, offset, comment);
      if (word) spans.push(word);
      break;
    }
  }
  return spans;
}

const WORD = /[\w-]/;

/** The run of word characters at (or just before) the offset, when it is smaller than `within`. */
function wordAt(text: string, offset: number, within: Span): Span | undefined {
  let start = offset;
  let end = offset;
  while (start > within[0] && WORD.test(text[start - 1])) start--;
  while (end < within[1] && WORD.test(text[end])) end++;
  if (start === end || (start === within[0] && end === within[1])) return undefined;
  return [start, end];
}
