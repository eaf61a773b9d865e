import { checkBudget } from '../../core/budget';
import { closest } from '../../core/suggest';
import { isMap, isScalar, isSeq, isAlias, type Node, type Pair, type Scalar } from 'yaml';
import { finding, type Finding, type RuleInfo } from '../../core/diagnostics';
import { rangeOf } from '../../yaml/parse';
import type { ManifestDocument } from '../model/documents';
import { isValidQuantity } from '../validation/quantity';
import { enumFor } from './enums';
import { matchesPattern } from './pattern';
import type { SchemaNode } from './store';
import { own } from '../../core/own';

export const unknownFieldRule: RuleInfo = { id: 'KubeUnknownField', severity: 'error', doc: 'A field the schema of this kind does not define (kube-apiserver rejects it with fieldValidation=Strict).' };
export const invalidTypeRule: RuleInfo = { id: 'KubeInvalidType', severity: 'error', doc: 'A value of the wrong type for its field (string for an integer, list for a map…).' };
export const requiredFieldRule: RuleInfo = { id: 'KubeRequiredField', severity: 'error', doc: 'A field the API requires is missing.' };
export const invalidValueRule: RuleInfo = { id: 'KubeInvalidValue', severity: 'error', doc: 'A value outside what the API accepts: enum values, quantities, timestamps, base64, integer ranges.' };
export const SCHEMA_RULES: readonly RuleInfo[] = [unknownFieldRule, invalidTypeRule, requiredFieldRule, invalidValueRule];

/** Resolves `$` references; a SchemaNode resolver lets CRD schemas and built-ins share this walker. */
export type Resolve = (name: string) => SchemaNode | undefined;

/**
 * Fields the OpenAPI marks required that the API server defaults or does not enforce on create;
 * reporting them would reject manifests kube-apiserver accepts.
 */
const NOT_ENFORCED = new Set([
  'NetworkPolicySpec.podSelector',
  'ObjectFieldSelector.fieldPath',
  'HTTPIngressPath.pathType',
  'ServiceReference.namespace',
  'ServiceReference.name',
  'TokenRequestSpec.audiences',
  'PodResourceClaim.name',
  'ResourceRequirements.claims',
  // Top-level fields the server defaults when absent (each a dry-run create of 1.33 and 1.36 accepts).
  'CSIDriver.spec',
  'CSINode.spec',
  'DeviceClass.spec',
  'ResourceClaim.spec',
  'ResourceClaimTemplate.spec',
  'Event.involvedObject',
  'PriorityClass.value',
]);

const MAX_INT32 = 2 ** 31 - 1;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

interface Walk {
  doc: ManifestDocument;
  resolve: Resolve;
  out: Finding[];
  /** Paths where the API server only decodes (unknown fields, types): no required fields, no enums. */
  decodeOnly?: (path: readonly (string | number)[]) => boolean;
}

/** Validates a document's root against a kind's schema, like strict decoding plus the schema's bounds. */
export function validateSchema(doc: ManifestDocument, root: SchemaNode, resolve: Resolve, skipTop: readonly string[] = [], decodeOnly?: Walk['decodeOnly']): Finding[] {
  const walk: Walk = { doc, resolve, out: [], decodeOnly };
  const contents = doc.yaml.contents as Node | null;
  if (!contents) return walk.out;
  walkNode(walk, contents, root, [], undefined, undefined, skipTop);
  return walk.out;
}

function deref(walk: Walk, schema: SchemaNode): { node: SchemaNode; name?: string } {
  let node = schema;
  let name: string | undefined;
  for (let i = 0; node.$ && i < 8; i++) {
    name = node.$;
    const target = walk.resolve(node.$);
    if (!target) return { node: { t: 'any' }, name };
    node = target;
  }
  return { node, name };
}

function describeType(t: string | undefined): string {
  switch (t) {
    case 'object':
    case 'map':
      return 'object';
    case 'int32':
    case 'int64':
    case 'integer':
      return 'integer';
    case 'byte':
    case 'date-time':
      return 'string';
    default:
      return t ?? 'value';
  }
}

function actualType(node: Node): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    const source = (node as { source?: string }).source;
    if (typeof v === 'boolean' && node.type === 'PLAIN' && source && !/^(?:true|false)$/i.test(source)) return `boolean (kubectl and the API server read plain "${source}" as ${String(v)}, YAML 1.1; quote it)`;
    return typeof v;
  }
  return 'value';
}

function typeError(walk: Walk, node: Node, expected: string, path: string, owner?: Node): void {
  // A block map or list starts on the line after its key: the key is where the mistake reads.
  const range = rangeOf(walk.doc.local, (isMap(node) || isSeq(node)) && owner ? owner : node);
  if (!range) return;
  walk.out.push(finding(invalidTypeRule.id, invalidTypeRule.severity, range, `${path || 'value'}: expected ${expected}, got ${actualType(node)}`));
}

function invalid(walk: Walk, node: Node, message: string, data?: unknown): void {
  const range = rangeOf(walk.doc.local, node);
  if (range) walk.out.push(finding(invalidValueRule.id, invalidValueRule.severity, range, message, data));
}

function dotted(path: readonly (string | number)[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

const ANY: SchemaNode = { t: 'any' };
const NONE: readonly string[] = [];

/** `path` is one array pushed and popped along the walk: copy it to keep it. */
function walkNode(walk: Walk, node: Node, schema: SchemaNode, path: (string | number)[], parentDef: string | undefined, field: string | undefined, skip: readonly string[] = NONE, owner?: Node): void {
  if (isAlias(node)) return;
  checkBudget();
  const { node: s, name } = deref(walk, schema);
  // JSON null decodes to the zero value everywhere except where a CRD forbids it.
  if (isScalar(node) && node.value === null) {
    if (s.nullable === false) typeError(walk, node, describeType(s.t), dotted(path), owner);
    return;
  }
  if (s.prune) return pruneWalk(walk, node, s, path);
  const defName = name ?? parentDef;
  switch (s.t) {
    case undefined:
    case 'any':
      if (s.p) break; // CRD object with properties but open
      return;
    case 'object':
      break;
    case 'map': {
      if (!isMap(node)) return typeError(walk, node, 'object', dotted(path), owner);
      for (const pair of node.items as Pair<Node, Node>[]) {
        const key = keyOf(pair);
        if (key === undefined || !pair.value) continue;
        path.push(key);
        walkNode(walk, pair.value, s.a ?? ANY, path, defName, field);
        path.pop();
      }
      return;
    }
    case 'array': {
      if (!isSeq(node)) return typeError(walk, node, 'array', dotted(path), owner);
      for (let index = 0; index < node.items.length; index++) {
        const item = node.items[index];
        if (!item) continue;
        path.push(index);
        walkNode(walk, item as Node, s.i ?? ANY, path, parentDef, field);
        path.pop();
      }
      if (s.minItems !== undefined && node.items.length < s.minItems) invalid(walk, node, `${dotted(path)}: should have at least ${s.minItems} items`);
      if (s.maxItems !== undefined && node.items.length > s.maxItems) invalid(walk, node, `${dotted(path)}: may have at most ${s.maxItems} items`);
      return;
    }
    default:
      return scalar(walk, node, s, path, parentDef, field, owner);
  }
  if (!isMap(node)) return typeError(walk, node, 'object', dotted(path), owner);
  const props = s.p ?? {};
  // Only objects with required fields need to remember which keys they saw.
  const seen = s.r ? new Set<string>() : undefined;
  for (const pair of node.items as Pair<Node, Node>[]) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    seen?.add(key);
    if (path.length === 0 && skip.includes(key)) continue;
    const prop = own(props, key);
    if (!prop) {
      if (!(s.open || s.t === 'any')) unknownField(walk, pair, key, props, path);
      continue;
    }
    if (pair.value) {
      path.push(key);
      walkNode(walk, pair.value as Node, prop, path, defName, key, NONE, pair.key as Node);
      path.pop();
    }
  }
  if (s.r && !walk.decodeOnly?.(path)) {
    const short = defName ? defName.slice(defName.lastIndexOf('.') + 1) : '';
    for (const required of s.r) {
      if (seen!.has(required) || NOT_ENFORCED.has(`${short}.${required}`)) continue;
      if (path.length === 0 && skip.includes(required)) continue;
      const range = rangeOf(walk.doc.local, owner ?? node);
      if (range) {
        walk.out.push(finding(requiredFieldRule.id, requiredFieldRule.severity, firstLine(range), `${dotted([...path, required])}: Required value`, { insert: required, path: [...path] }));
      }
    }
  }
}

function unknownField(walk: Walk, pair: Pair<Node, Node>, key: string, props: Record<string, SchemaNode>, path: readonly (string | number)[]): void {
  const range = rangeOf(walk.doc.local, pair.key as Node);
  const suggestion = closest(key, Object.keys(props));
  if (range) {
    walk.out.push(finding(unknownFieldRule.id, unknownFieldRule.severity, range, `unknown field "${dotted([...path, key])}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, suggestion ? { rename: suggestion } : undefined));
  }
}

/** Strict decoding's unknown fields where the value has the schema's shape, nothing else (SchemaNode.prune). */
function pruneWalk(walk: Walk, node: Node, s: SchemaNode, path: (string | number)[]): void {
  if (isMap(node) && (s.p || s.a)) {
    for (const pair of node.items as Pair<Node, Node>[]) {
      const key = keyOf(pair);
      if (key === undefined) continue;
      const prop = s.p ? own(s.p, key) : s.a;
      if (!prop) {
        if (!s.open) unknownField(walk, pair, key, s.p ?? {}, path);
        continue;
      }
      if (!pair.value) continue;
      path.push(key);
      walkNode(walk, pair.value as Node, prop, path, undefined, key);
      path.pop();
    }
  } else if (isSeq(node) && s.i) {
    for (let index = 0; index < node.items.length; index++) {
      const item = node.items[index];
      if (!item) continue;
      path.push(index);
      walkNode(walk, item as Node, s.i, path, undefined, undefined);
      path.pop();
    }
  }
}

/** Scalars were already re-read with YAML 1.1 rules (readAsKubernetesDoes in model/documents.ts). */
function kubeScalarValue(node: Scalar): unknown {
  return node.value;
}

function scalar(walk: Walk, node: Node, s: SchemaNode, path: (string | number)[], parentDef: string | undefined, field: string | undefined, owner?: Node): void {
  if (!isScalar(node)) return typeError(walk, node, describeType(s.t), dotted(path), owner);
  const value = kubeScalarValue(node as Scalar);
  // Built only for a message: most scalars are fine.
  const at = () => dotted(path);
  switch (s.t) {
    case 'string':
    case 'byte':
    case 'date-time':
      if (typeof value !== 'string') return typeError(walk, node, 'string', at());
      if (s.t === 'byte' && !BASE64.test(value.replace(/\s+/g, ''))) return invalid(walk, node, `${at()}: illegal base64 data`);
      if (s.t === 'date-time' && !RFC3339.test(value)) return invalid(walk, node, `${at()}: must be an RFC 3339 date-time`);
      break;
    case 'int32':
    case 'int64':
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return typeError(walk, node, 'integer', at());
      if (s.t === 'int32' && (value > MAX_INT32 || value < -MAX_INT32 - 1)) return invalid(walk, node, `${at()}: ${value} overflows int32`);
      break;
    case 'number':
      if (typeof value !== 'number') return typeError(walk, node, 'number', at());
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return typeError(walk, node, 'boolean', at());
      break;
    case 'int-or-string':
      if (typeof value === 'number' ? !Number.isInteger(value) : typeof value !== 'string') return typeError(walk, node, 'integer or string', at());
      break;
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') return typeError(walk, node, 'quantity', at());
      if (!isValidQuantity(String(value))) return invalid(walk, node, `${at()}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
      break;
  }
  let allowed = s.e ?? (field ? enumFor(parentDef, field) : undefined);
  if (allowed && walk.decodeOnly?.(path)) allowed = undefined;
  if (allowed && !allowed.includes(value as never)) {
    const fix = allowed.find((v) => typeof v === 'string' && typeof value === 'string' && v.toLowerCase() === value.toLowerCase());
    invalid(walk, node, `${at()}: Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, fix !== undefined ? { replace: fix } : undefined);
    return;
  }
  if (typeof value === 'string') {
    if (s.minLen !== undefined && value.length < s.minLen) invalid(walk, node, `${at()}: should be at least ${s.minLen} chars long`);
    if (s.maxLen !== undefined && value.length > s.maxLen) invalid(walk, node, `${at()}: may not be more than ${s.maxLen} bytes`);
    if (s.pattern && matchesPattern(s.pattern, value) === false) invalid(walk, node, `${at()}: should match '${s.pattern}'`);
  }
  if (typeof value === 'number') {
    if (s.min !== undefined && value < s.min) invalid(walk, node, `${at()}: should be greater than or equal to ${s.min}`);
    if (s.max !== undefined && value > s.max) invalid(walk, node, `${at()}: should be less than or equal to ${s.max}`);
  }
}

function keyOf(pair: Pair<Node, Node>): string | undefined {
  const key = pair.key as Node | null;
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function firstLine(range: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return range.end.line > range.start.line ? { start: range.start, end: { line: range.start.line, character: range.start.character + 1 } } : range;
}
