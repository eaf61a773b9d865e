import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { YamlPath } from '../../yaml/parse';
import type { ComposeDocument } from '../document';

/** What sits under the cursor in the parsed file: the path of the key or value, and its node. */
export interface Located {
  path: (string | number)[];
  part: 'key' | 'value';
  node: Node;
}

/** The innermost key or scalar value containing `offset` (end inclusive, so a cursor after a word still counts). */
export function locate(compose: ComposeDocument, offset: number): Located | undefined {
  const root = compose.doc?.contents as Node | null | undefined;
  return root ? walk(root, [], offset) : undefined;
}

function within(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && offset >= range[0] && offset <= range[1];
}

function walk(node: Node, path: (string | number)[], offset: number): Located | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : '';
      if (key && within(key, offset)) return { path: [...path, name], part: 'key', node: key };
      const value = pair.value as Node | null;
      if (value && within(value, offset)) return walk(value, [...path, name], offset);
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node;
      if (within(item, offset)) return walk(item, [...path, i], offset);
    }
    return undefined;
  }
  if (isScalar(node) && within(node, offset)) return { path, part: 'value', node };
  return undefined;
}

/**
 * The path of the mapping or list a line belongs to, from indentation alone, so it works on the
 * half-typed line being completed: `    imag|` under `services:\n  web:` gives ['services', 'web'].
 * An ancestor list item counts with its real index, so keys already present are read from the right item.
 */
export function parentPath(lines: readonly string[], line: number, column: number): YamlPath {
  const chain: (string | number)[] = [];
  let limit = column;
  for (let l = line - 1; l >= 0 && limit > 0; l--) {
    const text = lines[l];
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = /^(\s*)((?:-\s+)*)(.*)$/.exec(text)!;
    const dashColumn = m[1].length;
    const keyColumn = dashColumn + m[2].length;
    const key = /^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(\s|$)/.exec(m[3]);
    if (key && keyColumn < limit) {
      chain.unshift(key[1].replace(/^["']|["']$/g, ''));
      limit = keyColumn;
    }
    if (m[2] && dashColumn < limit) {
      chain.unshift(siblingsBefore(lines, l, dashColumn));
      limit = dashColumn;
    }
  }
  return chain;
}

/**
 * The path of the list item whose dash is at `dashColumn` on `line`: the list's path, then the item's index.
 * Earlier items of the same list (dashes at the same column) are siblings, not parents: counting one as a
 * level made every item after the first look one list deeper than it is.
 */
export function itemPath(lines: readonly string[], line: number, dashColumn: number): YamlPath {
  const index = siblingsBefore(lines, line, dashColumn);
  const first = firstItemLine(lines, line, dashColumn);
  // dashColumn + 1: the list's key may sit at the dashes' own column (`key:\n- a`).
  return [...parentPath(lines, first, dashColumn + 1), index];
}

/** How many items of the same list (a dash at `dashColumn`) come before `line`. */
function siblingsBefore(lines: readonly string[], line: number, dashColumn: number): number {
  let count = 0;
  for (let l = line - 1; l >= 0; l--) {
    const indent = indentOf(lines[l]);
    if (indent === undefined || indent > dashColumn) continue;
    if (indent < dashColumn || !isItem(lines[l], dashColumn)) break;
    count++;
  }
  return count;
}

function firstItemLine(lines: readonly string[], line: number, dashColumn: number): number {
  let first = line;
  for (let l = line - 1; l >= 0; l--) {
    const indent = indentOf(lines[l]);
    if (indent === undefined || indent > dashColumn) continue;
    if (indent < dashColumn || !isItem(lines[l], dashColumn)) break;
    first = l;
  }
  return first;
}

/** Indentation of a line with content, undefined for blank lines and comments. */
function indentOf(text: string): number | undefined {
  const trimmed = text.trimStart();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  return text.length - trimmed.length;
}

function isItem(text: string, dashColumn: number): boolean {
  return text[dashColumn] === '-' && (dashColumn + 1 === text.length || /\s/.test(text[dashColumn + 1]));
}
