import spec from '../../../../schemas/compose/compose-spec.json';
import type { YamlPath } from '../../yaml/parse';
import { own } from '../../core/own';

/** A JSON Schema node of the Compose Specification, as far as completion, hover and error mapping need it. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  deprecated?: boolean;
  [key: string]: unknown;
}

export const COMPOSE_SCHEMA = spec as unknown as SchemaNode;

/**
 * The functions below read the Compose Specification by default; `root` is another schema of the same
 * shape (a stack file's: stack/schema.ts), whose `$ref`s point into itself.
 */
export function resolveRef(node: SchemaNode | undefined, root: SchemaNode = COMPOSE_SCHEMA): SchemaNode | undefined {
  let current = node;
  for (let i = 0; current?.$ref && i < 10; i++) current = pointer(current.$ref, root);
  return current;
}

/** `#/$defs/service/unevaluatedProperties` → the schema node at that JSON pointer. */
export function pointer(ref: string, root: SchemaNode = COMPOSE_SCHEMA): SchemaNode | undefined {
  let current: unknown = root;
  for (const raw of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  }
  return current as SchemaNode | undefined;
}

/** Every alternative a node stands for: $ref resolved, allOf/oneOf/anyOf flattened. */
export function branches(node: SchemaNode | undefined, depth = 0, root: SchemaNode = COMPOSE_SCHEMA): SchemaNode[] {
  const resolved = resolveRef(node, root);
  if (!resolved || depth > 8) return [];
  const out: SchemaNode[] = [resolved];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) for (const child of resolved[key] ?? []) out.push(...branches(child, depth + 1, root));
  return out;
}

/** Property schemas of a mapping node, across its branches. */
const propertiesMemo = new WeakMap<SchemaNode, Map<string, SchemaNode>>();

/** Memoized per schema node: asked once per finding, and a file can have 10k of them. */
export function propertiesOf(node: SchemaNode | undefined, root: SchemaNode = COMPOSE_SCHEMA): Map<string, SchemaNode> {
  const known = node && propertiesMemo.get(node);
  if (known) return known;
  const out = new Map<string, SchemaNode>();
  for (const branch of branches(node, 0, root)) for (const [name, child] of Object.entries(branch.properties ?? {})) if (!out.has(name)) out.set(name, child);
  if (node) propertiesMemo.set(node, out);
  return out;
}

/** The schema describing the value at a path of a Compose file (undefined where the schema is silent). */
export function schemaAt(path: YamlPath, root: SchemaNode = COMPOSE_SCHEMA): SchemaNode | undefined {
  let nodes: SchemaNode[] = [root];
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of nodes) {
      for (const branch of branches(node, 0, root)) {
        if (typeof segment === 'number') {
          if (branch.items) next.push(branch.items);
          continue;
        }
        const direct = own(branch.properties, segment);
        if (direct) next.push(direct);
        for (const [pattern, child] of Object.entries(branch.patternProperties ?? {})) if (new RegExp(pattern).test(segment) && pattern !== '^x-') next.push(child);
        if (typeof branch.additionalProperties === 'object') next.push(branch.additionalProperties);
      }
    }
    if (!next.length) return undefined;
    nodes = next;
  }
  return nodes.length === 1 ? nodes[0] : { anyOf: nodes };
}

/** The first description found for a node (its own, else a branch's). */
export function describe(node: SchemaNode | undefined, root: SchemaNode = COMPOSE_SCHEMA): string | undefined {
  if (node?.description) return node.description;
  for (const branch of branches(node, 0, root)) if (branch.description) return branch.description;
  return undefined;
}
