import * as fs from 'node:fs';
import { bundledVersions, schemasFor, schemaVersionFor, patchVersionOf, type SchemaNode } from '../kubernetes/schema/store';
import { parseArgs, single, UsageError } from './usage';

type JsonSchema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

/** The bundled compact schema as standard JSON Schema (draft-07), strict like fieldValidation=Strict. */
export function toJsonSchema(node: SchemaNode): JsonSchema {
  const out: JsonSchema = {};
  if (node.d) out.description = node.d;
  if (node.$) return { ...out, ...ref(node.$) };
  switch (node.t) {
    case 'object':
      out.type = 'object';
      out.properties = Object.fromEntries(Object.entries(node.p ?? {}).map(([k, v]) => [k, toJsonSchema(v)]));
      if (node.r?.length) out.required = node.r;
      if (!node.open) out.additionalProperties = false;
      break;
    case 'map':
      out.type = 'object';
      out.additionalProperties = node.a ? toJsonSchema(node.a) : true;
      break;
    case 'array':
      out.type = 'array';
      out.items = node.i ? toJsonSchema(node.i) : {};
      break;
    case 'string':
      out.type = 'string';
      break;
    case 'byte':
      out.type = 'string';
      out.format = 'byte';
      break;
    case 'date-time':
      out.type = 'string';
      out.format = 'date-time';
      break;
    case 'int32':
    case 'int64':
      out.type = 'integer';
      out.format = node.t;
      break;
    case 'integer':
      out.type = 'integer';
      break;
    case 'number':
      out.type = 'number';
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'int-or-string':
      out.oneOf = [{ type: 'string' }, { type: 'integer' }];
      out.format = 'int-or-string';
      break;
    case 'quantity':
      out.oneOf = [{ type: 'string' }, { type: 'number' }];
      break;
    default:
      break;
  }
  if (node.e) out.enum = node.e;
  return out;
}

/** One JSON Schema for every built-in kind of a version: if apiVersion+kind match, then that kind's schema. */
export function exportKubernetesSchema(version: string): JsonSchema {
  const schemas = schemasFor(version);
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, node] of schemas.allDefinitions()) definitions[name] = toJsonSchema(node);
  const dispatch = schemas.kinds().map((key) => {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    return {
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
      then: ref(schemas.kindDefinition(apiVersion, kind)!),
    };
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://shipshape.dev/schemas/kubernetes/${schemas.version}/all.json`,
    title: `Kubernetes ${patchVersionOf(version) ?? schemas.version} objects (Shipshape bundled, strict)`,
    type: 'object',
    required: ['apiVersion', 'kind'],
    allOf: dispatch,
    definitions,
  };
}

/** `shipshape schema export --kubernetes-version X [--output F]` */
export async function schemaCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'export') throw new UsageError(`expected 'schema export', got '${sub ?? ''}'`);
  const parsed = parseArgs(rest, ['kubernetes-version', 'output']);
  const requested = single(parsed, 'kubernetes-version') ?? bundledVersions()[0];
  if (!/^v?\d+\.\d+(\.\d+)?$/.test(requested)) throw new UsageError(`--kubernetes-version must look like 1.34, got '${requested}'`);
  const version = schemaVersionFor(requested.replace(/^v/, ''));
  if (version !== requested.replace(/^v/, '').split('.').slice(0, 2).join('.')) {
    throw new UsageError(`Kubernetes ${requested} is not bundled; bundled: ${bundledVersions().join(', ')}`);
  }
  const text = `${JSON.stringify(exportKubernetesSchema(version), null, 1)}\n`;
  const output = single(parsed, 'output');
  if (output) fs.writeFileSync(output, text);
  else process.stdout.write(text);
  return 0;
}
