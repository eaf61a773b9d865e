import { isMap, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { YamlPath } from '../yaml/parse';
import { kustomizeStruct, type KustomizeField } from './schema';
import type { Kustomization } from './model';

export interface VisitedField {
  /** Path of the key (its mapping's path plus the key). */
  path: YamlPath;
  key: string;
  pair: Pair;
  /** The struct the mapping is (types.Kustomization's Go names: Patch, Selector, …). */
  struct: string;
  /** Undefined: the struct has no such field. */
  field?: KustomizeField;
}

/** Every key of every mapping the schema describes, in document order (maps of strings and inline values are not entered). */
export function* walkFields(kustomization: Kustomization): Iterable<VisitedField> {
  const root = kustomization.yaml.contents;
  if (isMap(root)) yield* walkMap(root, 'Kustomization', []);
}

function* walkMap(map: YAMLMap, struct: string, path: YamlPath): Iterable<VisitedField> {
  const fields = kustomizeStruct(struct)?.fields ?? {};
  for (const pair of map.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (typeof key !== 'string') continue;
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    yield { path: [...path, key], key, pair, struct, field };
    if (!field?.ref) continue;
    if (field.type === 'object' && isMap(pair.value)) yield* walkMap(pair.value, field.ref, [...path, key]);
    if (field.type === 'array' && isSeq(pair.value)) {
      for (const [i, item] of pair.value.items.entries()) if (isMap(item)) yield* walkMap(item, field.ref, [...path, key, i]);
    }
  }
}
