// A values file as template features see it: every mapping key with its path, place, value text and the
// comment above it (charts document their values there). Parsed once per text.
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { parseYaml } from '../../yaml/parse';

export interface ValuesKey {
  keys: string[];
  /** Offsets of the key and of its value in the file. */
  key: [number, number];
  value: [number, number];
  /** Whether the value is a mapping (its keys are entries too). */
  isMap: boolean;
  comment?: string;
}

export interface ValuesFile {
  path: string;
  text: string;
  entries: ValuesKey[];
  /** Entries by their dotted path (the first of duplicates). */
  byPath: Map<string, ValuesKey>;
}

const parsed = new Map<string, ValuesFile>();

export function valuesFile(filePath: string, text: string): ValuesFile {
  const cached = parsed.get(filePath);
  if (cached?.text === text) return cached;
  const entries: ValuesKey[] = [];
  const doc = parseYaml(text).documents[0];
  const walk = (node: unknown, keys: string[], depth: number) => {
    if (!isMap(node) || depth > 64) return;
    // The comment above a mapping's first key is the mapping's.
    let above = (node as { commentBefore?: string | null }).commentBefore ?? undefined;
    for (const item of node.items as Pair[]) {
      if (!isScalar(item.key) || !item.key.range) continue;
      const key = item.key as Node & { range: [number, number, number]; value: unknown; commentBefore?: string | null };
      const value = item.value as (Node & { commentBefore?: string | null }) | null;
      const path = [...keys, String(key.value)];
      const end = value?.range ? value.range[1] : key.range[1];
      const comment = key.commentBefore ?? (item as { commentBefore?: string | null }).commentBefore ?? above;
      above = undefined;
      entries.push({ keys: path, key: [key.range[0], key.range[1]], value: [value?.range?.[0] ?? key.range[1], end], isMap: isMap(value), comment: comment?.trim() || undefined });
      walk(value, path, depth + 1);
    }
  };
  if (doc) {
    walk(doc.contents, [], 0);
    // The comment above the file's first key is the document's.
    const first = entries[0];
    if (first && !first.comment && doc.commentBefore) first.comment = doc.commentBefore.trim();
  }
  const byPath = new Map<string, ValuesKey>();
  for (const entry of entries) if (!byPath.has(entry.keys.join('.'))) byPath.set(entry.keys.join('.'), entry);
  const file = { path: filePath, text, entries, byPath };
  if (parsed.size > 200) parsed.clear();
  parsed.set(filePath, file);
  return file;
}

/** The children of a path (keys one level below it), in file order. */
export function childrenOf(file: ValuesFile, keys: readonly string[]): ValuesKey[] {
  return file.entries.filter((e) => e.keys.length === keys.length + 1 && keys.every((k, i) => e.keys[i] === k));
}

/** The entry whose key holds the offset. */
export function keyAt(file: ValuesFile, offset: number): ValuesKey | undefined {
  return file.entries.find((e) => e.key[0] <= offset && offset <= e.key[1]);
}

/** A value's text as written (the first lines of a long one). */
export function valueText(file: ValuesFile, entry: ValuesKey, maxLines = 12): string {
  const text = file.text.slice(entry.value[0], entry.value[1]).replace(/\s+$/, '');
  const lines = text.split('\n');
  return lines.length > maxLines ? [...lines.slice(0, maxLines), '…'].join('\n') : text;
}
