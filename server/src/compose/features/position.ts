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
      if (m[2] && dashColumn < limit) {
        chain.unshift(0);
        limit = dashColumn;
      }
      continue;
    }
    if (m[2] && dashColumn < limit) {
      chain.unshift(0);
      limit = dashColumn;
    }
  }
  return chain;
}
