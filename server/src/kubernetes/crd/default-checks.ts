import { Document, type Node } from 'yaml';
import type { Finding } from '../../core/diagnostics';
import { YAML_OPTIONS } from '../../yaml/options';
import { lookup, type YamlPath } from '../../yaml/parse';
import { isRecord, type ManifestDocument } from '../model/documents';
import { validateSchema } from '../schema/validate';
import { fromOpenApiV3 } from './index';

/**
 * Each `default` of a CRD schema checked against the schema it sits in, as kube-apiserver does before
 * creating the CRD (structural defaulting ValidateDefaults): the value's type, enum, bounds, required
 * fields, and no fields the schema would prune. Defaults of embedded resources and of object metadata
 * are left to the server. Ranges are the default value's own; messages name the schema path.
 */
export function defaultFindings(doc: ManifestDocument, at: YamlPath, name: string, schema: unknown): Finding[] {
  const out: Finding[] = [];
  const visit = (s: unknown, path: YamlPath, where: string): void => {
    if (!isRecord(s) || s['x-kubernetes-embedded-resource'] === true) return;
    if (s.default !== undefined && s.default !== null) {
      const node = lookup(doc.yaml, [...path, 'default']).value as Node | undefined;
      if (node) {
        const yaml = new Document(undefined, YAML_OPTIONS) as Document.Parsed;
        yaml.contents = node as Document.Parsed['contents'];
        const { default: _, ...own } = s;
        for (const f of validateSchema({ ...doc, yaml }, fromOpenApiV3(own), () => undefined)) {
          out.push({ ...f, message: `${where}.default: Invalid value: ${String(f.message).replace(/^(?:value)?: /, '')} (a default must satisfy its own schema)` });
        }
      }
    }
    if (isRecord(s.properties))
      for (const [key, child] of Object.entries(s.properties)) {
        // metadata defaults are forbidden at the root and coerced by the server elsewhere.
        if (path.length === at.length && key === 'metadata') continue;
        visit(child, [...path, 'properties', key], `${where}.properties[${key}]`);
      }
    if (isRecord(s.items)) visit(s.items, [...path, 'items'], `${where}.items`);
    if (isRecord(s.additionalProperties)) visit(s.additionalProperties, [...path, 'additionalProperties'], `${where}.additionalProperties`);
  };
  visit(schema, at, name);
  return out;
}
