import type { ValidationTarget } from '../engine';
import { resolveKind } from '../engine';
import type { SchemaNode } from '../schema/store';
import { own } from '../../core/own';

export interface SchemaAt {
  node: SchemaNode;
  /** Definition name of the node (for enum lookups and hover titles). */
  definition?: string;
  /** Definition that holds the last field, and the field's name. */
  parentDefinition?: string;
  field?: string;
}

/** Follows `$` references. */
export function deref(target: ValidationTarget, node: SchemaNode | undefined): { node: SchemaNode; definition?: string } | undefined {
  let current = node;
  let definition: string | undefined;
  for (let i = 0; current?.$ && i < 8; i++) {
    definition = current.$;
    const next = target.schemas.definition(current.$);
    current = next ? { ...next, d: current.d ?? next.d } : undefined;
  }
  return current ? { node: current, definition } : undefined;
}

/** The schema of the value at `path` in a document of apiVersion/kind. */
export function schemaAt(target: ValidationTarget, apiVersion: string | undefined, kind: string | undefined, path: readonly (string | number)[]): SchemaAt | undefined {
  if (!apiVersion || !kind) return undefined;
  const resolved = resolveKind(target, apiVersion, kind);
  if (!resolved) return undefined;
  let at = deref(target, resolved.root);
  let parentDefinition: string | undefined;
  let field: string | undefined;
  for (const segment of path) {
    if (!at) return undefined;
    const node = at.node;
    if (typeof segment === 'number') {
      if (node.t !== 'array' || !node.i) return undefined;
      at = deref(target, node.i);
      continue;
    }
    parentDefinition = at.definition ?? parentDefinition;
    field = segment;
    if (node.t === 'map') at = deref(target, node.a);
    else if (own(node.p, String(segment))) {
      const child = own(node.p, String(segment))!;
      const next = deref(target, child);
      at = next ? { node: { ...next.node, d: child.d ?? next.node.d }, definition: next.definition } : undefined;
    } else return undefined;
  }
  return at ? { node: at.node, definition: at.definition, parentDefinition, field } : undefined;
}

export function typeLabel(target: ValidationTarget, node: SchemaNode): string {
  switch (node.t) {
    case 'object':
      return 'object';
    case 'map':
      return `map[string]${node.a ? typeLabel(target, deref(target, node.a)?.node ?? {}) : 'any'}`;
    case 'array':
      return `[]${node.i ? typeLabel(target, deref(target, node.i)?.node ?? {}) : 'any'}`;
    case 'int32':
    case 'int64':
      return `integer (${node.t})`;
    case 'byte':
      return 'string (base64)';
    case undefined:
      return 'any';
    default:
      return node.t;
  }
}
