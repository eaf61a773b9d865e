import type { YamlPath } from '../../yaml/parse';
import { COMPOSE_SCHEMA, propertiesOf, schemaAt, type SchemaNode } from './schema-index';
import type { SchemaError } from './validate.generated';

/** One schema problem: where (path, key or value) and what, in compose-go's words where possible. */
export interface SchemaProblem {
  path: YamlPath;
  part: 'key' | 'value';
  message: string;
  /** For unknown properties: the property name (quick fixes suggest the closest allowed one). */
  property?: string;
  allowed?: string[];
}

const BRANCHING = new Set(['oneOf', 'anyOf', 'if', 'not', 'then', 'else']);

/**
 * Turns ajv's errors into the most specific problems: a branch error (oneOf/anyOf) or a type error
 * whose value has deeper errors is dropped, type alternatives at one path are joined ("a string or a number").
 */
export function schemaProblems(errors: readonly SchemaError[], data: unknown, root: SchemaNode = COMPOSE_SCHEMA): SchemaProblem[] {
  const paths = errors.map((e) => e.instancePath);
  const deeper = (p: string) => paths.some((q) => q.startsWith(p + '/'));
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    if (BRANCHING.has(error.keyword) && errors.some((e) => e !== error && !BRANCHING.has(e.keyword) && (e.instancePath === error.instancePath || e.instancePath.startsWith(error.instancePath + '/')))) continue;
    if (error.keyword === 'type' && deeper(error.instancePath)) continue;
    // A property that failed its own schema is not "evaluated" for unevaluatedProperties: that error is an echo.
    // When any branch of an allOf fails, ajv drops its annotations and reports every property it declares
    // as unevaluated: keep the report only for properties the schema does not know.
    if (error.keyword === 'unevaluatedProperties') {
      const property = String(error.params.unevaluatedProperty);
      const owner = schemaAt(toPath(error.instancePath, data), root);
      if (owner && propertiesOf(owner, root).has(property)) continue;
    }
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const [pointer, list] of byPath) {
    const path = toPath(pointer, data);
    const dotted = path.join('.') || '(root)';
    const types = list.filter((e) => e.keyword === 'type').map((e) => String(e.params.type));
    // When the value has the right type for some branch, its other errors say more than "must be a string".
    const others = list.filter((e) => e.keyword !== 'type' && !BRANCHING.has(e.keyword));
    if (types.length && !others.length) {
      const add = { path, part: 'value' as const, message: `${dotted} must be ${humanTypes(types.flatMap((t) => t.split(',')))}` };
      push(problems, seen, add);
    }
    for (const error of others) {
      const problem = toProblem(error, path, dotted);
      if (problem) push(problems, seen, problem);
    }
    if (!types.length && !others.length) {
      const branch = list[0];
      push(problems, seen, { path, part: 'value', message: `${dotted} ${branch.keyword === 'oneOf' ? 'does not match any allowed form' : (branch.message ?? 'is invalid')}` });
    }
  }
  return problems;
}

function push(problems: SchemaProblem[], seen: Set<string>, problem: SchemaProblem): void {
  const key = `${problem.path.join('\u0000')}|${problem.part}|${problem.message}`;
  if (seen.has(key)) return;
  seen.add(key);
  problems.push(problem);
}

function toProblem(error: SchemaError, path: YamlPath, dotted: string): SchemaProblem | undefined {
  const p = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const property = String(p.additionalProperty ?? p.unevaluatedProperty);
      return { path: [...path, property], part: 'key', property, message: `${dotted === '(root)' ? 'top level' : dotted}: property "${property}" is not allowed` };
    }
    case 'required':
      return { path, part: 'key', message: `${dotted}: "${String(p.missingProperty)}" is required` };
    case 'enum':
      return { path, part: 'value', message: `${dotted} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, part: 'value', message: `${dotted} must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return { path, part: 'value', message: `${dotted} does not match "${String(p.pattern)}"` };
    case 'propertyNames':
      return undefined;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, part: 'value', message: `${dotted} ${error.message ?? 'is out of range'}` };
    case 'uniqueItems':
      return { path, part: 'value', message: `${dotted} must not contain duplicates (items ${String(p.j)} and ${String(p.i)} are equal)` };
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
    case 'minLength':
    case 'maxLength':
      return { path, part: 'value', message: `${dotted} ${error.message ?? 'has the wrong size'}` };
    case 'dependencies':
    case 'dependentRequired':
      return { path, part: 'key', message: `${dotted}: "${String(p.property)}" requires "${String(p.missingProperty)}"` };
    default:
      return { path, part: 'value', message: `${dotted} ${error.message ?? 'is invalid'}` };
  }
}

const ARTICLE: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', null: 'null' };

function humanTypes(types: string[]): string {
  const unique = [...new Set(types)].map((t) => ARTICLE[t] ?? t);
  return unique.length > 1 ? `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}` : unique[0];
}

/** JSON pointer → YAML path, with numeric segments where the data is a list. */
function toPath(pointer: string, data: unknown): YamlPath {
  if (!pointer) return [];
  const out: (string | number)[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      out.push(Number(segment));
      current = current[Number(segment)];
    } else {
      out.push(segment);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}
