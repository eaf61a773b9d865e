import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq, type Document } from 'yaml';

/** kustomize's deprecation warnings (api/types/kustomization.go), and whether `kustomize edit fix` rewrites the field. */
export const DEPRECATED_FIELDS: Record<string, { use: string; fixable: boolean }> = {
  bases: { use: 'resources', fixable: true },
  commonLabels: { use: 'labels', fixable: true },
  imageTags: { use: 'images', fixable: true },
  patchesJson6902: { use: 'patches', fixable: true },
  patchesStrategicMerge: { use: 'patches', fixable: true },
  vars: { use: 'replacements', fixable: false },
};

/**
 * The kustomization with deprecated `fields` rewritten as `kustomize edit fix` does (FixKustomization and
 * FixKustomizationPreMarshalling): bases join resources, imageTags join images, patchesJson6902 entries
 * join patches as they are, each patchesStrategicMerge entry becomes a patch by `path` when it names a file
 * (`isFile`) and by inline `patch` otherwise, and commonLabels becomes one labels entry with includeSelectors.
 * Comments and the order of the other keys stay. Undefined when nothing changes (or a label would conflict,
 * where edit fix refuses too).
 */
export function editFix(yaml: Document.Parsed, fields: readonly string[], isFile: (relative: string) => boolean): string | undefined {
  const doc = yaml.clone();
  let changed = false;
  const list = (key: string): YAMLSeq => {
    const existing = doc.get(key, true);
    if (isSeq(existing)) return existing;
    const seq = new YAMLSeq();
    doc.set(key, seq);
    return seq;
  };
  // A comment above a removed key (the file's header, when it is the first) moves to the key after it.
  const remove = (key: string) => {
    const root = doc.contents as YAMLMap;
    const index = root.items.findIndex((pair) => (pair.key as { value?: unknown }).value === key);
    const comment = index >= 0 ? (root.items[index].key as { commentBefore?: string }).commentBefore : undefined;
    doc.delete(key);
    const next = root.items[index]?.key as { commentBefore?: string } | undefined;
    if (comment && next) next.commentBefore = next.commentBefore ? `${comment}\n${next.commentBefore}` : comment;
  };
  const move = (from: string, to: string, map: (item: unknown) => unknown = (item) => item) => {
    const seq = doc.get(from, true);
    if (!isSeq(seq)) return;
    const target = list(to);
    for (const item of seq.items) target.items.push(map(item) as never);
    remove(from);
    changed = true;
  };
  // kustomize's order: FixKustomization (bases, imageTags), then FixKustomizationPreMarshalling
  // (patchesJson6902 before patchesStrategicMerge into patches, then commonLabels).
  for (const field of ['bases', 'imageTags', 'patchesJson6902', 'patchesStrategicMerge', 'commonLabels'].filter((name) => fields.includes(name))) {
    if (field === 'bases') move('bases', 'resources');
    else if (field === 'imageTags') move('imageTags', 'images');
    else if (field === 'patchesJson6902') move('patchesJson6902', 'patches');
    else if (field === 'patchesStrategicMerge') {
      move('patchesStrategicMerge', 'patches', (item) => {
        const text = isScalar(item) ? String(item.value) : '';
        return doc.createNode(!text.includes('\n') && isFile(text) ? { path: text } : { patch: text });
      });
    } else if (field === 'commonLabels') {
      const labels = doc.get('commonLabels', true);
      if (!isMap(labels)) continue;
      const existing = doc.get('labels', true);
      const taken = new Set<string>();
      if (isSeq(existing)) {
        for (const entry of existing.items) {
          const pairs = isMap(entry) ? (entry.get('pairs', true) as unknown) : undefined;
          if (isMap(pairs)) for (const pair of pairs.items) taken.add(String((pair.key as { value?: unknown }).value));
        }
      }
      if (labels.items.some((pair) => taken.has(String((pair.key as { value?: unknown }).value)))) return undefined;
      const entry = new YAMLMap();
      entry.set('pairs', labels);
      entry.set('includeSelectors', true);
      list('labels').items.push(entry as never);
      remove('commonLabels');
      changed = true;
    }
  }
  return changed ? doc.toString() : undefined;
}
