import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { goRegexpProblem } from './go-regexp';

/** Where a problem is: the YAML path to report at, the key or the value there, and the message. */
export interface CrdProblem {
  path: YamlPath;
  part: 'key' | 'value';
  message: string;
}

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const LIST_TYPES = ['atomic', 'set', 'map'];
const MAP_TYPES = ['atomic', 'granular'];
const REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
/** What a root schema may hold when the status subresource is on (allowedFieldsAtRootSchema, as JSON names). */
const STATUS_ROOT = new Set([
  'description',
  'type',
  'format',
  'title',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'required',
  'items',
  'properties',
  'externalDocs',
  'example',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
]);
const NESTED = ['allOf', 'anyOf', 'oneOf'] as const;

type Level = 'root' | 'item' | 'field';

interface Walk {
  out: CrdProblem[];
}

/** The state specStandardValidatorV3 carries down the schema. */
interface Context {
  level: Level;
  insideMeta: boolean;
  /** Why defaults are forbidden here, when they are. */
  noDefaults?: string;
}

/**
 * An openAPIV3Schema of a CRD version as kube-apiserver checks it on create (apiextensions validation:
 * ValidateCustomResourceDefinitionOpenAPISchema, then the structural-schema rules of
 * pkg/apiserver/schema: validateStructuralInvariants and completeness). `at` is the YAML path of the
 * schema, `name` the API server's field path for it. CEL rules are not compiled and defaults are not
 * validated against their schema: kube-apiserver is the authority on those.
 */
export function checkOpenApiSchema(schema: unknown, at: YamlPath, name: string, statusEnabled: boolean): CrdProblem[] {
  const walk: Walk = { out: [] };
  if (!isRecord(schema)) return walk.out;
  if (statusEnabled) {
    if (schema.type !== undefined && schema.type !== 'object') {
      report(walk, [...at, 'type'], 'value', `${name}.type: Invalid value: ${JSON.stringify(schema.type)}: only "object" is allowed as the type at the root of the schema if the status subresource is enabled`);
    }
    const extra = Object.keys(schema).find((key) => !STATUS_ROOT.has(key) && !isZero(schema[key]));
    if (extra) report(walk, [...at, extra], 'key', `${name}: Invalid value: only ${[...STATUS_ROOT].join(', ')} are allowed at the root of the schema if the status subresource is enabled (not ${extra})`);
  }
  if (schema.nullable === true) report(walk, [...at, 'nullable'], 'key', `${name}.nullable: Forbidden: nullable cannot be true at the root`);
  node(walk, schema, [...at], name, { level: 'root', insideMeta: false }, true);
  return walk.out;
}

function report(walk: Walk, path: YamlPath, part: 'key' | 'value', message: string): void {
  walk.out.push({ path, part, message });
}

function isZero(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && !value.length) || (isRecord(value) && !Object.keys(value).length);
}

/** One schema of the structural part: the OpenAPI rules, the structural invariants, then its children. */
function node(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, ctx: Context, isRoot: boolean): void {
  openApiRules(walk, s, at, name, ctx);
  structuralRules(walk, s, at, name, ctx.level);
  const props = isRecord(s.properties) ? s.properties : undefined;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (props) {
    for (const [key, child] of Object.entries(props)) {
      if (!isRecord(child)) continue;
      let childCtx: Context = { level: 'field', insideMeta: ctx.insideMeta, noDefaults: ctx.noDefaults };
      if ((isRoot || embedded) && META_FIELDS.has(key)) {
        childCtx = { ...childCtx, insideMeta: true, noDefaults: isRoot ? `in top-level ${key}` : childCtx.noDefaults };
      }
      node(walk, child, [...at, 'properties', key], `${name}.properties[${key}]`, childCtx, false);
    }
  }
  const additional = s.additionalProperties;
  if (isRecord(additional)) {
    const noDefaults = ctx.insideMeta ? 'inside additionalProperties applying to object metadata' : ctx.noDefaults;
    node(walk, additional, [...at, 'additionalProperties'], `${name}.additionalProperties`, { level: 'field', insideMeta: ctx.insideMeta, noDefaults }, false);
  }
  if (isRecord(s.items)) node(walk, s.items, [...at, 'items'], `${name}.items`, { level: 'item', insideMeta: ctx.insideMeta, noDefaults: ctx.noDefaults }, false);
  // Nested value validations (allOf, anyOf, oneOf, not): the OpenAPI rules apply inside them, and they
  // must not carry structure of their own.
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = Array.isArray(s.allOf) && isRecord(s.allOf[0]) && isIntOrStringAnyOf(s.allOf[0].anyOf);
  for (const quantifier of NESTED) {
    const list = s[quantifier];
    if (!Array.isArray(list)) continue;
    list.forEach((nested, i) => {
      if (!isRecord(nested)) return;
      const nestedAt = [...at, quantifier, i];
      const nestedName = `${name}.${quantifier}[${i}]`;
      openApiNested(walk, nested, nestedAt, nestedName, ctx);
      if (!(quantifier === 'anyOf' && skipAnyOf)) nestedRules(walk, nested, nestedAt, nestedName, ctx.level, quantifier === 'allOf' && i === 0 && skipFirstAllOfAnyOf);
      // kube-apiserver checks completeness from the root schema's own quantifiers only.
      if (isRoot) completeness(walk, nested, s, at, name, nestedName);
    });
  }
  if (isRecord(s.not)) {
    openApiNested(walk, s.not, [...at, 'not'], `${name}.not`, ctx);
    nestedRules(walk, s.not, [...at, 'not'], `${name}.not`, ctx.level, false);
    if (isRoot) completeness(walk, s.not, s, at, name, `${name}.not`);
  }
}

/** The OpenAPI rules (and only those) inside a nested value validation, recursively. */
function openApiNested(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, ctx: Context): void {
  openApiRules(walk, s, at, name, ctx);
  if (isRecord(s.properties)) for (const [key, child] of Object.entries(s.properties)) if (isRecord(child)) openApiNested(walk, child, [...at, 'properties', key], `${name}.properties[${key}]`, ctx);
  if (isRecord(s.items)) openApiNested(walk, s.items, [...at, 'items'], `${name}.items`, ctx);
  if (isRecord(s.additionalProperties)) openApiNested(walk, s.additionalProperties, [...at, 'additionalProperties'], `${name}.additionalProperties`, ctx);
  for (const quantifier of NESTED) {
    const list = s[quantifier];
    if (Array.isArray(list)) list.forEach((n, i) => isRecord(n) && openApiNested(walk, n, [...at, quantifier, i], `${name}.${quantifier}[${i}]`, ctx));
  }
  if (isRecord(s.not)) openApiNested(walk, s.not, [...at, 'not'], `${name}.not`, ctx);
}

/** specStandardValidatorV3.validate and the per-schema checks of ValidateCustomResourceDefinitionOpenAPISchema. */
function openApiRules(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, ctx: Context): void {
  const type = typeof s.type === 'string' ? s.type : '';
  if (type === 'null') report(walk, [...at, 'type'], 'value', `${name}.type: Forbidden: type cannot be set to null, use nullable as an alternative`);
  else if (type && !TYPES.includes(type)) report(walk, [...at, 'type'], 'value', `${name}.type: Unsupported value: ${JSON.stringify(type)}: supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}`);
  if (s.default !== undefined && ctx.noDefaults) report(walk, [...at, 'default'], 'key', `${name}.default: Forbidden: must not be set ${ctx.noDefaults}`);
  for (const [key, what] of [
    ['id', 'id'],
    ['additionalItems', 'additionalItems'],
    ['$ref', '$ref'],
  ] as const) {
    if (s[key] !== undefined && s[key] !== '') report(walk, [...at, key], 'key', `${name}.${key}: Forbidden: ${what} is not supported`);
  }
  for (const key of ['patternProperties', 'definitions', 'dependencies'] as const) {
    if (isRecord(s[key]) && (key === 'dependencies' || Object.keys(s[key] as object).length)) report(walk, [...at, key], 'key', `${name}.${key}: Forbidden: ${key} is not supported`);
  }
  if (Array.isArray(s.items)) report(walk, [...at, 'items'], 'key', `${name}.items: Forbidden: items must be a schema object and not an array`);
  if (ctx.insideMeta && s['x-kubernetes-embedded-resource'] === true) report(walk, [...at, 'x-kubernetes-embedded-resource'], 'key', `${name}.x-kubernetes-embedded-resource: Forbidden: must not be used inside of resource meta`);
  if (s.uniqueItems === true) report(walk, [...at, 'uniqueItems'], 'key', `${name}.uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`);
  const props = isRecord(s.properties) && Object.keys(s.properties).length > 0;
  if (props && (s.additionalProperties === false || isRecord(s.additionalProperties))) {
    report(walk, [...at, 'additionalProperties'], 'key', `${name}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`);
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === false) report(walk, [...at, 'x-kubernetes-preserve-unknown-fields'], 'value', `${name}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`);
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    if (type !== 'object')
      report(walk, [...at, type ? 'type' : 'x-kubernetes-map-type'], type ? 'value' : 'key', `${name}.type: ${type ? `Invalid value: "${type}"` : 'Required value'}: must be object if x-kubernetes-map-type is specified`);
    if (typeof mapType === 'string' && !MAP_TYPES.includes(mapType)) report(walk, [...at, 'x-kubernetes-map-type'], 'value', `${name}.x-kubernetes-map-type: Unsupported value: "${mapType}": supported values: "atomic", "granular"`);
  }
  listTypeRules(walk, s, at, name, type);
  celRules(walk, s, at, name);
  if (typeof s.pattern === 'string' && s.pattern) {
    const problem = goRegexpProblem(s.pattern);
    if (problem) report(walk, [...at, 'pattern'], 'value', `${name}.pattern: Invalid value: ${JSON.stringify(s.pattern)}: must be a valid regular expression, but isn't: error parsing regexp: ${problem}`);
  }
}

function listTypeRules(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, type: string): void {
  const listType = typeof s['x-kubernetes-list-type'] === 'string' ? (s['x-kubernetes-list-type'] as string) : undefined;
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? (s['x-kubernetes-list-map-keys'] as unknown[]) : [];
  const items = isRecord(s.items) ? s.items : undefined;
  if (listType !== undefined && type !== 'array') {
    report(walk, [...at, type ? 'type' : 'x-kubernetes-list-type'], type ? 'value' : 'key', `${name}.type: ${type ? `Invalid value: "${type}"` : 'Required value'}: must be array if x-kubernetes-list-type is specified`);
  } else if (listType === 'set' && items) {
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      report(walk, [...at, 'items', 'x-kubernetes-list-type'], 'value', `${name}.items.x-kubernetes-list-type: Invalid value: must be atomic as item of a list with x-kubernetes-list-type=set`);
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      report(walk, [...at, 'items'], 'key', `${name}.items.x-kubernetes-map-type: Invalid value: must be atomic as item of a list with x-kubernetes-list-type=set`);
    }
  }
  if (listType !== undefined && !LIST_TYPES.includes(listType)) report(walk, [...at, 'x-kubernetes-list-type'], 'value', `${name}.x-kubernetes-list-type: Unsupported value: "${listType}": supported values: "atomic", "set", "map"`);
  if (keys.length && listType !== 'map') {
    report(
      walk,
      [...at, listType === undefined ? 'x-kubernetes-list-map-keys' : 'x-kubernetes-list-type'],
      listType === undefined ? 'key' : 'value',
      `${name}.x-kubernetes-list-type: ${listType === undefined ? 'Required value' : `Invalid value: "${listType}"`}: must be map if x-kubernetes-list-map-keys is non-empty`,
    );
  }
  if (listType === 'map') {
    if (!keys.length) report(walk, [...at, 'x-kubernetes-list-type'], 'key', `${name}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`);
    if (s.items === undefined) report(walk, [...at, 'x-kubernetes-list-type'], 'key', `${name}.items: Required value: must have a schema if x-kubernetes-list-type is map`);
    if (items && items.type !== 'object') report(walk, [...at, 'items'], 'key', `${name}.items.type: Invalid value: ${JSON.stringify(items.type ?? '')}: must be object if parent array's x-kubernetes-list-type is map`);
    if (items && items.type === 'object') {
      const itemProps = isRecord(items.properties) ? items.properties : {};
      const required = Array.isArray(items.required) ? items.required : [];
      const seen = new Set<unknown>();
      keys.forEach((key, i) => {
        const prop = typeof key === 'string' ? itemProps[key] : undefined;
        if (!isRecord(prop)) {
          report(walk, [...at, 'x-kubernetes-list-map-keys', i], 'value', `${name}.x-kubernetes-list-map-keys: Invalid value: entries must all be names of item properties (${String(key)} is not one)`);
        } else {
          const propAt = [...at, 'items', 'properties', key as string];
          if (prop.type === 'array' || prop.type === 'object')
            report(walk, [...propAt, 'type'], 'value', `${name}.items.properties[${String(key)}].type: Invalid value: must be a scalar type if parent array's x-kubernetes-list-type is map`);
          if (!required.includes(key) && prop.default === undefined)
            report(walk, propAt, 'key', `${name}.items.properties[${String(key)}].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`);
          if (prop.nullable === true) report(walk, [...propAt, 'nullable'], 'key', `${name}.items.properties[${String(key)}].nullable: Forbidden: this property is in x-kubernetes-list-map-keys, so it cannot be nullable`);
        }
        if (seen.has(key)) report(walk, [...at, 'x-kubernetes-list-map-keys', i], 'value', `${name}.x-kubernetes-list-map-keys: Invalid value: must not contain duplicate entries`);
        seen.add(key);
      });
    }
  }
  if ((listType === 'set' || listType === 'map') && items?.nullable === true) report(walk, [...at, 'items', 'nullable'], 'key', `${name}.items.nullable: Forbidden: cannot be nullable when x-kubernetes-list-type is ${listType}`);
}

/** The static checks of x-kubernetes-validations (the expressions themselves are compiled by the server). */
function celRules(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string): void {
  const rules = s['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return;
  rules.forEach((rule, i) => {
    if (!isRecord(rule)) return;
    const ruleAt = [...at, 'x-kubernetes-validations', i];
    const where = `${name}.x-kubernetes-validations[${i}]`;
    const text = typeof rule.rule === 'string' ? rule.rule.trim() : '';
    const message = typeof rule.message === 'string' ? rule.message : '';
    if (!text) report(walk, ruleAt, 'key', `${where}.rule: Required value: rule is not specified`);
    else if (message && !message.trim()) report(walk, [...ruleAt, 'message'], 'value', `${where}.message: Invalid value: must be non-empty if specified`);
    else if (/[\n\r]/.test(message.trim())) report(walk, [...ruleAt, 'message'], 'value', `${where}.message: Invalid value: must not contain line breaks`);
    else if (/[\n\r]/.test(text) && !message.trim()) report(walk, [...ruleAt, 'rule'], 'key', `${where}.message: Required value: message must be specified if rule contains line breaks`);
    if (typeof rule.messageExpression === 'string' && rule.messageExpression && !rule.messageExpression.trim()) {
      report(walk, [...ruleAt, 'messageExpression'], 'value', `${where}.messageExpression: Required value: messageExpression must be non-empty if specified`);
    }
    if (typeof rule.reason === 'string' && !REASONS.includes(rule.reason)) {
      report(walk, [...ruleAt, 'reason'], 'value', `${where}.reason: Unsupported value: "${rule.reason}": supported values: ${REASONS.map((r) => `"${r}"`).join(', ')}`);
    }
    if (typeof rule.fieldPath === 'string' && rule.fieldPath && !rule.fieldPath.trim()) report(walk, [...ruleAt, 'fieldPath'], 'value', `${where}.fieldPath: Invalid value: must be non-empty if specified`);
  });
}

/** validateStructuralInvariants for one node of the structural part. */
function structuralRules(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, level: Level): void {
  const type = typeof s.type === 'string' ? s.type : '';
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (type === 'array' && s.items === undefined) report(walk, [...at, 'type'], 'key', `${name}.items: Required value: must be specified`);
  if (s.additionalProperties !== undefined && s.additionalProperties !== null && level === 'root') {
    report(walk, [...at, 'additionalProperties'], 'key', `${name}.additionalProperties: Forbidden: must not be used at the root`);
  }
  if (embedded && type !== 'object') {
    report(walk, [...at, type ? 'type' : 'x-kubernetes-embedded-resource'], type ? 'value' : 'key', `${name}.type: ${type ? `Invalid value: "${type}"` : 'Required value'}: must be object if x-kubernetes-embedded-resource is true`);
  } else if (!type && !intOrString && !preserve) {
    const where = level === 'root' ? 'at the root' : level === 'item' ? 'for specified array items' : 'for specified object fields';
    report(walk, at, 'key', `${name}.type: Required value: must not be empty ${where}`);
  }
  if (embedded && s.additionalProperties !== undefined) report(walk, [...at, 'additionalProperties'], 'key', `${name}.additionalProperties: Forbidden: must not be used if x-kubernetes-embedded-resource is set`);
  if (level === 'root' && type && type !== 'object') report(walk, [...at, 'type'], 'value', `${name}.type: Invalid value: "${type}": must be object at the root`);
  const props = isRecord(s.properties) ? s.properties : {};
  const checkMetadata = level === 'root' || embedded;
  for (const field of ['kind', 'apiVersion']) {
    const prop = props[field];
    if (checkMetadata && isRecord(prop) && prop.type !== 'string') {
      report(
        walk,
        [...at, 'properties', field, ...(prop.type === undefined ? [] : ['type'])],
        prop.type === undefined ? 'key' : 'value',
        `${name}.properties[${field}].type: Invalid value: ${JSON.stringify(prop.type ?? '')}: must be string`,
      );
    }
  }
  const metadata = props.metadata;
  if (isRecord(metadata)) metadataRules(walk, metadata, [...at, 'properties', 'metadata'], `${name}.properties[metadata]`, checkMetadata, level === 'root');
  if (embedded && !preserve && !Object.keys(props).length)
    report(walk, [...at, 'x-kubernetes-embedded-resource'], 'key', `${name}.properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`);
  if (intOrString && preserve) report(walk, [...at, 'x-kubernetes-preserve-unknown-fields'], 'key', `${name}.x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true`);
  if (intOrString && embedded) report(walk, [...at, 'x-kubernetes-embedded-resource'], 'key', `${name}.x-kubernetes-embedded-resource: Invalid value: true: must be false if x-kubernetes-int-or-string is true`);
}

/** metadata of a resource: an object; at the root only name and generateName may be restricted (the rest is ObjectMeta). */
function metadataRules(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, checkMetadata: boolean, root: boolean): void {
  if (checkMetadata && s.type !== 'object') report(walk, s.type === undefined ? at : [...at, 'type'], s.type === undefined ? 'key' : 'value', `${name}.type: Invalid value: ${JSON.stringify(s.type ?? '')}: must be object`);
  if (!root) return;
  const props = isRecord(s.properties) ? Object.keys(s.properties) : [];
  const onlyNames = props.every((p) => p === 'name' || p === 'generateName');
  const extra = Object.keys(s).filter((key) => key !== 'type' && key !== 'default' && !(key === 'properties' && onlyNames) && !isZero(s[key]));
  if (extra.length) {
    report(walk, [...at, extra[0]], 'key', `${name}: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified (remove ${extra.join(', ')})`);
  }
}

/** An anyOf of exactly [{type: integer}, {type: string}]: the int-or-string pattern allowed in a structural schema. */
function isIntOrStringAnyOf(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && isRecord(value[0]) && Object.keys(value[0]).length === 1 && value[0].type === 'integer' && isRecord(value[1]) && Object.keys(value[1]).length === 1 && value[1].type === 'string';
}

/** validateNestedValueValidation: inside allOf/anyOf/oneOf/not only value validations, no structure. */
function nestedRules(walk: Walk, s: Record<string, unknown>, at: YamlPath, name: string, level: Level, skipAnyOf: boolean): void {
  const forbid = (key: string, what: string) => report(walk, [...at, key], 'key', `${name}.${key}: Forbidden: ${what} to be structural`);
  if (typeof s.type === 'string' && s.type) forbid('type', 'must be empty');
  if (s.additionalProperties !== undefined) forbid('additionalProperties', 'must be undefined');
  if (s.default !== undefined) forbid('default', 'must be undefined');
  if (typeof s.title === 'string' && s.title) forbid('title', 'must be empty');
  if (typeof s.description === 'string' && s.description) forbid('description', 'must be empty');
  if (s.nullable === true) forbid('nullable', 'must be false');
  for (const key of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string']) if (s[key] === true) forbid(key, 'must be false');
  if (Array.isArray(s['x-kubernetes-list-map-keys']) && s['x-kubernetes-list-map-keys'].length) forbid('x-kubernetes-list-map-keys', 'must be empty');
  for (const key of ['x-kubernetes-list-type', 'x-kubernetes-map-type']) if (s[key] !== undefined) forbid(key, 'must be undefined');
  if (Array.isArray(s['x-kubernetes-validations']) && s['x-kubernetes-validations'].length) forbid('x-kubernetes-validations', 'must be empty');
  const props = isRecord(s.properties) ? s.properties : {};
  if (props.metadata !== undefined) report(walk, [...at, 'properties', 'metadata'], 'key', `${name}.properties[metadata]: Forbidden: must not be specified in a nested context`);
  for (const [key, child] of Object.entries(props)) if (isRecord(child)) nestedRules(walk, child, [...at, 'properties', key], `${name}.properties[${key}]`, 'field', false);
  if (isRecord(s.items)) nestedRules(walk, s.items, [...at, 'items'], `${name}.items`, level, false);
  if (isRecord(s.additionalProperties)) nestedRules(walk, s.additionalProperties, [...at, 'additionalProperties'], `${name}.additionalProperties`, level, false);
  for (const quantifier of NESTED) {
    const list = s[quantifier];
    if (!Array.isArray(list) || (quantifier === 'anyOf' && skipAnyOf)) continue;
    list.forEach((n, i) => isRecord(n) && nestedRules(walk, n, [...at, quantifier, i], `${name}.${quantifier}[${i}]`, level, false));
  }
  if (isRecord(s.not)) nestedRules(walk, s.not, [...at, 'not'], `${name}.not`, level, false);
}

/** validateStructuralCompleteness: what a nested value validation of the root constrains must exist in the structural part. */
function completeness(walk: Walk, nested: Record<string, unknown>, s: Record<string, unknown> | undefined, sAt: YamlPath, sName: string, vName: string): void {
  if (!s) {
    report(walk, sAt, 'key', `${sName}: Required value: because it is defined in ${vName}`);
    return;
  }
  if (isRecord(nested.items)) completeness(walk, nested.items, isRecord(s.items) ? s.items : undefined, [...sAt, 'items'], `${sName}.items`, `${vName}.items`);
  const props = isRecord(s.properties) ? s.properties : {};
  if (isRecord(nested.properties)) {
    for (const [key, child] of Object.entries(nested.properties)) {
      if (!isRecord(child)) continue;
      const target = props[key];
      if (!isRecord(target)) report(walk, sAt, 'key', `${sName}.properties[${key}]: Required value: because it is defined in ${vName}.properties[${key}]`);
      else completeness(walk, child, target, [...sAt, 'properties', key], `${sName}.properties[${key}]`, `${vName}.properties[${key}]`);
    }
  }
  for (const quantifier of NESTED) {
    const list = nested[quantifier];
    if (Array.isArray(list)) list.forEach((n, i) => isRecord(n) && completeness(walk, n, s, sAt, sName, `${vName}.${quantifier}[${i}]`));
  }
  if (isRecord(nested.not)) completeness(walk, nested.not, s, sAt, sName, `${vName}.not`);
}
