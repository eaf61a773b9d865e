import type { SourceFile } from '../core/source';
import { type JsonNode, nodeRange, parseJson, type ParsedJson } from '../json/parse';

/** One container definition as the rules read it. */
export interface Container {
  node: JsonNode;
  /** Its `name` when a string. */
  name: string | undefined;
  index: number;
}

/** A task definition file as rules see it: the parsed JSON, the top-level object, its containers. */
export interface TaskDefinition {
  file: SourceFile;
  parsed: ParsedJson;
  /** The top-level object; undefined when the file is not a JSON object. */
  root: JsonNode | undefined;
  containers: Container[];
}

const cache = new WeakMap<SourceFile, TaskDefinition>();

/** Parsed once per SourceFile (validation, completion and hover of one version share it). */
export function taskDefinitionOf(file: SourceFile): TaskDefinition {
  let found = cache.get(file);
  if (!found) {
    const parsed = parseJson(file.text);
    const root = parsed.root?.type === 'object' ? parsed.root : undefined;
    const list = root && property(root, 'containerDefinitions');
    const containers: Container[] = [];
    if (list?.type === 'array') {
      for (const [index, node] of (list.children ?? []).entries()) {
        if (node.type !== 'object') continue;
        const name = property(node, 'name');
        containers.push({ node, index, name: name?.type === 'string' ? name.value : undefined });
      }
    }
    found = { file, parsed, root, containers };
    cache.set(file, found);
  }
  return found;
}

/** The property node of `key` in an object: the last one, as json.loads (and so the AWS CLI) keeps it. */
export function propertyNode(object: JsonNode, key: string): JsonNode | undefined {
  const children = object.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) if (children[i].children?.[0]?.value === key) return children[i];
  return undefined;
}

/** The value node of `key` in an object, if any. */
export function property(object: JsonNode | undefined, key: string): JsonNode | undefined {
  return object?.type === 'object' ? propertyNode(object, key)?.children?.[1] : undefined;
}

/** A value that is a JSON number (not a numeric string). */
export function numberAt(object: JsonNode | undefined, key: string): number | undefined {
  const node = property(object, key);
  return node?.type === 'number' ? node.value : undefined;
}

export function stringAt(object: JsonNode | undefined, key: string): string | undefined {
  const node = property(object, key);
  return node?.type === 'string' ? node.value : undefined;
}

/** Where a finding about `key` of an object goes: its key, else the object itself. */
export function rangeOfKey(def: TaskDefinition, object: JsonNode, key: string) {
  const keyNode = propertyNode(object, key)?.children?.[0];
  return keyNode ? nodeRange(def.file.document, keyNode) : rangeOfNode(def, object);
}

/** A scalar's own range; an object or array only by its opening bracket, so a squiggle does not cover a whole block. */
export function rangeOfNode(def: TaskDefinition, node: JsonNode) {
  return nodeRange(def.file.document, node.type === 'object' || node.type === 'array' ? { offset: node.offset, length: 1 } : node);
}

/** The elements of an array value (none when it is not an array). */
export function items(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}
