import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { dns1035Label, dns1123Subdomain } from '../validation/names';
import { checkOpenApiSchema, type CrdProblem } from './schema-checks';

const APPROVAL = 'api-approved.kubernetes.io';
const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/**
 * A CustomResourceDefinition (apiextensions.k8s.io/v1) as kube-apiserver validates it on create
 * (apiextensions validation.ValidateCustomResourceDefinition): its name, group, names, versions, schemas,
 * subresources, printer columns and conversion. The schema's field types and unknown fields are the
 * bundled OpenAPI's business; v1 defaulting (singular, listKind, served) is applied first, as the server does.
 */
export function checkCrd(crd: Record<string, unknown>): CrdProblem[] {
  const out: CrdProblem[] = [];
  const report = (path: YamlPath, part: 'key' | 'value', message: string) => out.push({ path, part, message });
  const spec = isRecord(crd.spec) ? crd.spec : undefined;
  if (!spec) return out;
  const metadata = isRecord(crd.metadata) ? crd.metadata : {};
  const names = isRecord(spec.names) ? spec.names : {};
  const group = typeof spec.group === 'string' ? spec.group : '';
  const plural = typeof names.plural === 'string' ? names.plural : '';

  if (typeof metadata.name === 'string' && metadata.name !== `${plural}.${group}`) {
    report(['metadata', 'name'], 'value', `metadata.name: Invalid value: "${metadata.name}": must be spec.names.plural+"."+spec.group (${plural}.${group})`);
  }
  if (group) {
    const problem = dns1123Subdomain(group);
    if (problem) report(['spec', 'group'], 'value', `spec.group: Invalid value: "${group}": ${problem}`);
    else if (!group.includes('.')) report(['spec', 'group'], 'value', `spec.group: Invalid value: "${group}": should be a domain with at least one dot`);
    if (isProtectedGroup(group)) approval(metadata, report);
  }
  if (typeof spec.scope === 'string' && spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') {
    report(['spec', 'scope'], 'value', `spec.scope: Unsupported value: "${spec.scope}": supported values: "Cluster", "Namespaced"`);
  }
  if (spec.preserveUnknownFields === true) {
    report(['spec', 'preserveUnknownFields'], 'value', 'spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead');
  }
  checkNames(names, report);
  checkVersions(spec, report);
  checkConversion(spec.conversion, report);
  return out;
}

type Report = (path: YamlPath, part: 'key' | 'value', message: string) => void;

function isProtectedGroup(group: string): boolean {
  return group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
}

/** Groups under k8s.io and kubernetes.io need the API-review annotation: a URL, or a reason starting with "unapproved". */
function approval(metadata: Record<string, unknown>, report: Report): void {
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const value = typeof annotations[APPROVAL] === 'string' ? (annotations[APPROVAL] as string) : '';
  const see = 'see https://github.com/kubernetes/enhancements/pull/1111';
  if (!value) {
    report(isRecord(metadata.annotations) ? ['metadata', 'annotations'] : ['metadata'], 'key', `metadata.annotations[${APPROVAL}]: Required value: protected groups must have approval annotation "${APPROVAL}", ${see}`);
  } else if (!value.startsWith('unapproved') && !isUrlWithHost(value)) {
    report(
      ['metadata', 'annotations', APPROVAL],
      'value',
      `metadata.annotations[${APPROVAL}]: Invalid value: "${value}": protected groups must have approval annotation "${APPROVAL}" with either a URL or a reason starting with "unapproved", ${see}`,
    );
  }
}

function isUrlWithHost(value: string): boolean {
  try {
    const url = new URL(value);
    return url.host.length > 0 && url.protocol.length > 1;
  } catch {
    return false;
  }
}

function checkNames(names: Record<string, unknown>, report: Report): void {
  const at = (field: string) => ['spec', 'names', field];
  for (const field of ['plural', 'singular']) {
    const value = names[field];
    const problem = typeof value === 'string' && value ? dns1035Label(value) : undefined;
    if (problem) report(at(field), 'value', `spec.names.${field}: Invalid value: "${String(value)}": ${problem}`);
  }
  for (const field of ['kind', 'listKind']) {
    const value = names[field];
    const problem = typeof value === 'string' && value ? dns1035Label(value.toLowerCase()) : undefined;
    if (problem) report(at(field), 'value', `spec.names.${field}: Invalid value: "${String(value)}": may have mixed case, but should otherwise match: ${problem}`);
  }
  if (typeof names.kind === 'string' && names.kind && names.kind === names.listKind) report(at('listKind'), 'value', `spec.names.listKind: Invalid value: "${names.listKind}": kind and listKind may not be the same`);
  for (const field of ['shortNames', 'categories']) {
    const list = names[field];
    if (!Array.isArray(list)) continue;
    list.forEach((value, i) => {
      const problem = typeof value === 'string' ? dns1035Label(value) : undefined;
      if (problem) report([...at(field), i], 'value', `spec.names.${field}[${i}]: Invalid value: "${String(value)}": ${problem}`);
    });
  }
}

function checkVersions(spec: Record<string, unknown>, report: Report): void {
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  let storage = 0;
  const seen = new Set<string>();
  versions.forEach((version, i) => {
    if (!isRecord(version)) return;
    const at: YamlPath = ['spec', 'versions', i];
    const where = `spec.versions[${i}]`;
    if (version.storage === true) storage++;
    if (typeof version.name === 'string') {
      if (seen.has(version.name)) report([...at, 'name'], 'value', `spec.versions: Invalid value: must contain unique version names ("${version.name}" is repeated)`);
      seen.add(version.name);
      const problem = dns1035Label(version.name);
      if (problem) report([...at, 'name'], 'value', `${where}.name: Invalid value: "${version.name}": ${problem}`);
    }
    const schema = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    if (!isRecord(schema)) report(version.schema === undefined ? at : [...at, 'schema'], 'key', `${where}.schema.openAPIV3Schema: Required value (every version of an apiextensions.k8s.io/v1 CRD needs a schema)`);
    const subresources = isRecord(version.subresources) ? version.subresources : undefined;
    const statusEnabled = subresources !== undefined && subresources.status !== undefined && subresources.status !== null;
    if (isRecord(schema)) for (const p of checkOpenApiSchema(schema, [...at, 'schema', 'openAPIV3Schema'], `${where}.schema.openAPIV3Schema`, statusEnabled)) report(p.path, p.part, p.message);
    deprecation(version, at, where, report);
    if (subresources && isRecord(subresources.scale)) scale(subresources.scale, [...at, 'subresources', 'scale'], `${where}.subresources.scale`, report);
    const columns = version.additionalPrinterColumns;
    if (Array.isArray(columns)) columns.forEach((column, c) => isRecord(column) && printerColumn(column, [...at, 'additionalPrinterColumns', c], `${where}.additionalPrinterColumns[${c}]`, report));
  });
  if (Array.isArray(spec.versions) && storage !== 1) {
    report(['spec', 'versions'], 'key', `spec.versions: Invalid value: must have exactly one version marked as storage version (${storage} ${storage === 1 ? 'is' : 'are'}): set storage: true on one version`);
  }
}

function deprecation(version: Record<string, unknown>, at: YamlPath, where: string, report: Report): void {
  const warning = version.deprecationWarning;
  if (typeof warning !== 'string') return;
  const path = [...at, 'deprecationWarning'];
  if (version.deprecated !== true) report(path, 'key', `${where}.deprecationWarning: Invalid value: can only be set for deprecated versions (add deprecated: true)`);
  if (warning.length > 256) report(path, 'value', `${where}.deprecationWarning: Invalid value: must be <= 256 characters long`);
  if (!warning.length) report(path, 'value', `${where}.deprecationWarning: Invalid value: must not be an empty string`);
}

/** The scale subresource's paths: simple JSON paths under .spec and .status. */
function scale(s: Record<string, unknown>, at: YamlPath, where: string, report: Report): void {
  const path = (field: string, prefixes: string[], required: boolean) => {
    const value = s[field];
    if (typeof value !== 'string' || !value) {
      if (required) report(at, 'key', `${where}.${field}: Required value`);
      return;
    }
    if (!value.startsWith('.')) report([...at, field], 'value', `${where}.${field}: Invalid value: "${value}": must be a simple json path starting with .`);
    else if (!prefixes.some((p) => value.startsWith(p))) report([...at, field], 'value', `${where}.${field}: Invalid value: "${value}": should be a json path under ${prefixes.map((p) => p.slice(0, -1)).join(' or ')}`);
  };
  path('specReplicasPath', ['.spec.'], true);
  path('statusReplicasPath', ['.status.'], true);
  path('labelSelectorPath', ['.spec.', '.status.'], false);
}

function printerColumn(column: Record<string, unknown>, at: YamlPath, where: string, report: Report): void {
  const type = column.type;
  if (typeof type === 'string' && type && !COLUMN_TYPES.includes(type)) report([...at, 'type'], 'value', `${where}.type: Invalid value: "${type}": must be one of ${COLUMN_TYPES.join(',')}`);
  const format = column.format;
  if (typeof format === 'string' && format && !COLUMN_FORMATS.includes(format)) report([...at, 'format'], 'value', `${where}.format: Invalid value: "${format}": must be one of ${COLUMN_FORMATS.join(',')}`);
  const jsonPath = column.jsonPath;
  if (typeof jsonPath === 'string' && jsonPath && !jsonPath.startsWith('.')) report([...at, 'jsonPath'], 'value', `${where}.JSONPath: Invalid value: "${jsonPath}": must be a simple json path starting with .`);
}

/** Webhook conversion needs a client config (a url or a service) and review versions; None takes neither. */
function checkConversion(conversion: unknown, report: Report): void {
  if (!isRecord(conversion)) return;
  const at: YamlPath = ['spec', 'conversion'];
  const strategy = conversion.strategy;
  if (typeof strategy === 'string' && strategy !== 'None' && strategy !== 'Webhook') {
    report([...at, 'strategy'], 'value', `spec.conversion.strategy: Unsupported value: "${strategy}": supported values: "None", "Webhook"`);
    return;
  }
  const webhook = isRecord(conversion.webhook) ? conversion.webhook : undefined;
  if (strategy === 'Webhook') {
    const config = webhook && isRecord(webhook.clientConfig) ? webhook.clientConfig : undefined;
    if (!config) report(webhook ? [...at, 'webhook'] : [...at, 'strategy'], 'key', 'spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook');
    else if ((config.url === undefined) === (config.service === undefined)) report([...at, 'webhook', 'clientConfig'], 'key', 'spec.conversion.webhookClientConfig: Required value: exactly one of url or service is required');
    const versions = webhook && Array.isArray(webhook.conversionReviewVersions) ? webhook.conversionReviewVersions : [];
    if (webhook && !versions.some((v) => v === 'v1' || v === 'v1beta1')) {
      report([...at, 'webhook', ...(webhook.conversionReviewVersions === undefined ? [] : ['conversionReviewVersions'])], 'key', `spec.conversion.conversionReviewVersions: Invalid value: must include at least one of v1, v1beta1`);
    }
  } else if (webhook) {
    report([...at, 'webhook'], 'key', 'spec.conversion.webhookClientConfig: Forbidden: should not be set when strategy is not set to Webhook');
  }
}
