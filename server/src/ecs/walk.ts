import type { JsonNode } from '../json/parse';
import { type EcsMember, ecsShape, type EcsShape, jsonTypeOf, member, ROOT_SHAPE } from './schema';

/** A path into the request as botocore names it: member names and list indexes (map keys are names too). */
export type EcsPath = (string | number)[];

/** One value of the file with the model shape it must have. */
export interface ShapeVisit {
  node: JsonNode;
  shape: EcsShape;
  shapeName: string;
  path: EcsPath;
  /** Its key when it is a member of a structure or an entry of a map. */
  key?: JsonNode;
  /** The structure member it is the value of, with its documentation. */
  member?: EcsMember;
  /** The JSON type the node has as json.loads reads it. */
  actual: string;
  /** Whether that type is what the shape takes; nothing below a wrong-typed value is visited. */
  typeOk: boolean;
}

/** A key of a structure its shape does not have. */
export interface UnknownMember {
  key: JsonNode;
  shapeName: string;
  shape: EcsShape;
  path: EcsPath;
}

export interface ModelWalk {
  visits: ShapeVisit[];
  unknown: UnknownMember[];
}

const cache = new WeakMap<JsonNode, ModelWalk>();

/**
 * Every value of the request with its shape, in document order, as botocore's ParamValidator walks it: each
 * structure member once (the last of repeated keys, which is what json.loads keeps), list items, map values.
 */
export function walkModel(root: JsonNode, text: string): ModelWalk {
  let found = cache.get(root);
  if (found) return found;
  found = { visits: [], unknown: [] };
  const walk = found;
  const visit = (node: JsonNode, shapeName: string, path: EcsPath, key?: JsonNode, ref?: EcsMember) => {
    const shape = ecsShape(shapeName);
    const actual = jsonType(node, text);
    const expected = jsonTypeOf(shape);
    const typeOk = actual === expected || (expected === 'number' && actual === 'integer');
    walk.visits.push({ node, shape, shapeName, path, key, member: ref, actual, typeOk });
    if (!typeOk) return;
    if (shape.type === 'structure') {
      for (const [name, prop] of lastProperties(node)) {
        const keyNode = prop.children![0];
        const value = prop.children?.[1];
        const ref = member(shape, name);
        if (!ref) walk.unknown.push({ key: keyNode, shapeName, shape, path: [...path, name] });
        else if (value) visit(value, ref.shape, [...path, name], keyNode, ref);
      }
    } else if (shape.type === 'map') {
      for (const [name, prop] of lastProperties(node)) {
        const value = prop.children?.[1];
        if (value) visit(value, shape.value!, [...path, name], prop.children![0]);
      }
    } else if (shape.type === 'list') {
      for (const [i, item] of (node.children ?? []).entries()) visit(item, shape.member!, [...path, i]);
    }
  };
  visit(root, ROOT_SHAPE, []);
  walk.unknown.sort((a, b) => a.key.offset - b.key.offset);
  cache.set(root, walk);
  return walk;
}

/** The properties of an object by key, the last of repeated keys winning, in the order of that last one. */
function lastProperties(node: JsonNode): [string, JsonNode][] {
  const byKey = new Map<string, JsonNode>();
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0];
    if (key?.type !== 'string') continue;
    byKey.delete(key.value);
    byKey.set(key.value, prop);
  }
  return [...byKey];
}

/** The type json.loads gives a node: a number with a fraction or exponent is a float, never an int. */
function jsonType(node: JsonNode, text: string): string {
  if (node.type === 'number') return /[.eE]/.test(text.slice(node.offset, node.offset + node.length)) ? 'number' : 'integer';
  return node.type;
}

/** The botocore-style name of a path: `containerDefinitions[0].portMappings[1].hostPort`. */
export function pathName(path: EcsPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || 'the task definition';
}
