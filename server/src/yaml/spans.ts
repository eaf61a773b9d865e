import type { Document } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isWhitespace, trimEnd } from '../core/ranges';

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
