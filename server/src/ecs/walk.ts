import type { JsonNode } from '../json/parse';
import { type EcsMember, ecsShape, type EcsShape, jsonTypeOf, member, ROOT_SHAPE } from './schema';

/** A path into the request as botocore names it: member names and list indexes (map keys are names too). */
export type EcsPath = (string | number)[];

/** One value of the file with the model shape it must have. */
export class ShapeVisit {
  constructor(
    readonly node: JsonNode,
    readonly shape: EcsShape,
    readonly shapeName: string,
    /** The visit of the structure, list or map holding it, and its member name, key or index there. */
    readonly parent: ShapeVisit | undefined,
    readonly step: string | number | undefined,
    /** Its key when it is a member of a structure or an entry of a map. */
    readonly key: JsonNode | undefined,
    /** The structure member it is the value of, with its documentation. */
    readonly member: EcsMember | undefined,
    /** The JSON type the node has as json.loads reads it. */
    readonly actual: string,
    /** Whether that type is what the shape takes; nothing below a wrong-typed value is visited. */
    readonly typeOk: boolean,
  ) {}

  /** Its path from the request (built on demand: only findings need it). */
  get path(): EcsPath {
    const out: EcsPath = [];
    for (let visit: ShapeVisit | undefined = this; visit?.step !== undefined; visit = visit.parent) out.push(visit.step);
    return out.reverse();
  }
}

/** A key of a structure its shape does not have. */
export interface UnknownMember {
  key: JsonNode;
  /** The structure's visit. */
  parent: ShapeVisit;
}

export interface ModelWalk {
  visits: ShapeVisit[];
  unknown: UnknownMember[];
}

const cache = new WeakMap<JsonNode, ModelWalk>();

/**
 * The values of the request with their shapes, in document order, as botocore's ParamValidator walks them: each
 * structure member once (the last of repeated keys, which is what json.loads keeps), list items, map values.
 * Every structure, list, map and wrong-typed value is kept; a scalar only when its shape constrains it.
 */
export function walkModel(root: JsonNode, text: string, duplicates: readonly JsonNode[]): ModelWalk {
  let found = cache.get(root);
  if (found) return found;
  // The objects with a repeated key (duplicates are their keys): only those need the last-one-wins pass.
  const repeated = new Set(duplicates.map((key) => key.parent?.parent));
  const propertiesOf = (node: JsonNode) => (repeated.has(node) ? lastProperties(node) : (node.children ?? []));
  const visits: ShapeVisit[] = [];
  const unknown: UnknownMember[] = [];
  const visit = (node: JsonNode, shapeName: string, parent: ShapeVisit | undefined, step: string | number | undefined, key?: JsonNode, ref?: EcsMember) => {
    const shape = ecsShape(shapeName);
    const actual = jsonType(node, text);
    const expected = jsonTypeOf(shape);
    const typeOk = actual === expected || (expected === 'number' && actual === 'integer');
    const container = shape.type === 'structure' || shape.type === 'list' || shape.type === 'map';
    // A well-typed scalar with nothing to check is not kept: most of a file, and the garbage of every keystroke.
    if (!container && typeOk && !ref?.deprecated && shape.enum === undefined && shape.min === undefined && shape.max === undefined && shape.pattern === undefined) return;
    const here = new ShapeVisit(node, shape, shapeName, parent, step, key, ref, actual, typeOk);
    visits.push(here);
    if (!typeOk) return;
    if (shape.type === 'structure') {
      for (const prop of propertiesOf(node)) {
        const keyNode = prop.children![0];
        const value = prop.children?.[1];
        const name = keyNode.value as string;
        const child = member(shape, name);
        if (!child) unknown.push({ key: keyNode, parent: here });
        else if (value) visit(value, child.shape, here, name, keyNode, child);
      }
    } else if (shape.type === 'map') {
      for (const prop of propertiesOf(node)) {
        const value = prop.children?.[1];
        if (value) visit(value, shape.value!, here, prop.children![0].value, prop.children![0]);
      }
    } else if (shape.type === 'list') {
      const children = node.children ?? [];
      for (let i = 0; i < children.length; i++) visit(children[i], shape.member!, here, i);
    }
  };
  visit(root, ROOT_SHAPE, undefined, undefined);
  unknown.sort((a, b) => a.key.offset - b.key.offset);
  found = { visits, unknown };
  cache.set(root, found);
  return found;
}

/** The properties of an object by key, the last of repeated keys winning, in the order of that last one. */
function lastProperties(node: JsonNode): JsonNode[] {
  const children = node.children ?? [];
  const byKey = new Map<string, JsonNode>();
  for (const prop of children) {
    const key = prop.children![0].value as string;
    byKey.delete(key);
    byKey.set(key, prop);
  }
  return [...byKey.values()];
}

/** The type json.loads gives a node: a number with a fraction or exponent is a float, never an int. */
function jsonType(node: JsonNode, text: string): string {
  if (node.type !== 'number') return node.type;
  for (let i = node.offset, end = node.offset + node.length; i < end; i++) {
    const c = text.charCodeAt(i);
    // '.', 'e', 'E'
    if (c === 46 || c === 101 || c === 69) return 'number';
  }
  return 'integer';
}

/** The botocore-style name of a path: `containerDefinitions[0].portMappings[1].hostPort`. */
export function pathName(path: EcsPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || 'the task definition';
}
