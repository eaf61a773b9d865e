import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { SourceFile } from '../core/source';
import { parseYaml, type YamlPath } from '../yaml/parse';

/** What a path entry of a kustomization is used as. */
export type EntryRole = 'resource' | 'component' | 'patch' | 'generator-file';

/** One file or folder a kustomization names, where it names it. */
export interface PathEntry {
  role: EntryRole;
  /** The field that lists it (`resources`, `patchesStrategicMerge`, …). */
  field: string;
  /** As written (relative to the kustomization's folder, or a URL). */
  value: string;
  /** Resolved against the kustomization's folder. */
  absolute: string;
  /** Where the entry's scalar is in the kustomization's YAML. */
  yamlPath: YamlPath;
  node: Node;
}

export interface Kustomization {
  file: SourceFile;
  yaml: Document.Parsed;
  entries: PathEntry[];
}

/** The names kustomize looks for in a folder, in its order (konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

const cache = new WeakMap<SourceFile, Kustomization | undefined>();

/** The kustomization a file holds (its first YAML document), or undefined when it is not one or not a mapping. */
export function kustomizationOf(file: SourceFile): Kustomization | undefined {
  if (cache.has(file)) return cache.get(file);
  const [yaml] = parseYaml(file.text).documents;
  const result = yaml && isMap(yaml.contents) ? { file, yaml, entries: entriesOf(file, yaml) } : undefined;
  cache.set(file, result);
  return result;
}

/** A remote resource: a URL or a git address, which kustomize fetches (never read from disk). */
export function isRemote(value: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i.test(value);
}

function entriesOf(file: SourceFile, yaml: Document.Parsed): PathEntry[] {
  const out: PathEntry[] = [];
  const dir = path.dirname(file.path || '.');
  const add = (role: EntryRole, field: string, node: unknown, yamlPath: YamlPath) => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim()) return;
    const value = node.value.trim();
    out.push({ role, field, value, absolute: isRemote(value) ? value : path.resolve(dir, value), yamlPath, node });
  };
  const each = (field: string, visit: (item: unknown, index: number) => void) => {
    const seq = yaml.get(field, true);
    if (isSeq(seq)) seq.items.forEach(visit);
  };
  for (const field of ['resources', 'bases']) each(field, (item, i) => add('resource', field, item, [field, i]));
  each('components', (item, i) => add('component', 'components', item, ['components', i]));
  // A patchesStrategicMerge entry is a file path, or the patch itself inline (more than one line).
  each('patchesStrategicMerge', (item, i) => {
    if (isScalar(item) && typeof item.value === 'string' && !item.value.includes('\n')) add('patch', 'patchesStrategicMerge', item, ['patchesStrategicMerge', i]);
  });
  for (const field of ['patches', 'patchesJson6902']) each(field, (item, i) => isMap(item) && add('patch', field, item.get('path', true), [field, i, 'path']));
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    each(field, (item, i) => {
      if (!isMap(item)) return;
      for (const list of ['files', 'envs']) {
        const seq = item.get(list, true);
        if (!isSeq(seq)) continue;
        seq.items.forEach((entry, j) => {
          // A files entry may be `key=path`: the path is after the first '='.
          if (list === 'files' && isScalar(entry) && typeof entry.value === 'string' && entry.value.includes('=')) {
            const value = entry.value.slice(entry.value.indexOf('=') + 1);
            out.push({ role: 'generator-file', field, value, absolute: path.resolve(dir, value), yamlPath: [field, i, list, j], node: entry });
          } else add('generator-file', field, entry, [field, i, list, j]);
        });
      }
      add('generator-file', field, item.get('env', true), [field, i, 'env']);
    });
  }
  return out;
}
