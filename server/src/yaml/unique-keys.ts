import { isMap, isScalar, isSeq, isPair, YAMLParseError, type Document, type Node } from 'yaml';

/**
 * Duplicate keys as the yaml package's `uniqueKeys` reports them (same code, message and offset), found
 * with one Set per map. The package compares each new key with every earlier one, so a map of 10k keys
 * (10k services, a 10,000-key ConfigMap) cost 10⁸ comparisons; this is one pass. Iterative, so nesting
 * depth costs no stack.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          if (seen.has(key.value)) {
            const at = key.range?.[0] ?? 0;
            found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(key.value);
        } else if (key) {
          stack.push(key);
        }
        if (pair.value) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  if (!found.length) return;
  // In text order among the parser's own errors, as the composer would have reported them.
  doc.errors.push(...found);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
