import type { YamlPath } from '../yaml/parse';
import generated from './schema.generated.json';

/** One key of a kustomization as kustomize decodes it (schemas/kustomize/generate.go reads them from its Go types). */
export interface KustomizeField {
  type: 'string' | 'boolean' | 'integer' | 'number' | 'map' | 'array' | 'object' | 'any';
  /** What an array or map holds. */
  items?: string;
  /** The struct an object (or an array's items) is. */
  ref?: string;
  doc?: string;
  deprecated?: boolean;
}

export interface KustomizeStruct {
  fields: Record<string, KustomizeField>;
  order: string[];
}

const STRUCTS = generated.structs as unknown as Record<string, KustomizeStruct>;

/** Where the schema comes from, for hover and docs. */
export const SCHEMA_SOURCE: string = generated.source;

export function kustomizeStruct(name: string): KustomizeStruct | undefined {
  return Object.hasOwn(STRUCTS, name) ? STRUCTS[name] : undefined;
}

/**
 * The struct of the mapping at a path of a kustomization (keys, and numbers for list items), or undefined
 * where the schema has no struct (a map of strings, inline values, a string).
 */
export function structAt(path: YamlPath): { name: string; struct: KustomizeStruct } | undefined {
  let name = generated.root;
  let struct = kustomizeStruct(name);
  for (let i = 0; i < path.length && struct; i++) {
    const key = path[i];
    if (typeof key !== 'string') return undefined;
    const field = Object.hasOwn(struct.fields, key) ? struct.fields[key] : undefined;
    if (!field?.ref) return undefined;
    if (field.type === 'array') {
      if (typeof path[i + 1] !== 'number') return undefined;
      i++;
    }
    name = field.ref;
    struct = kustomizeStruct(name);
  }
  return struct ? { name, struct } : undefined;
}

/** The field a key of the mapping at `parent` is, when the schema knows it. */
export function fieldAt(parent: YamlPath, key: string): KustomizeField | undefined {
  const fields = structAt(parent)?.struct.fields;
  return fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
}
