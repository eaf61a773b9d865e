// YAML <-> objects for apply, view and edit. Managed fields are noise for people: hidden by default.
import { createHash } from 'node:crypto';
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from '../resources/types';

export function parseManifests(text: string): KubeObject[] {
  const docs = parseAllDocuments(text);
  const out: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`YAML error: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('Each YAML document must be a Kubernetes object (a mapping)');
    const obj = value as KubeObject;
    // A List (kubectl get -o yaml) holds the objects.
    if (obj.kind?.endsWith('List') && Array.isArray(obj.items)) out.push(...(obj.items as KubeObject[]));
    else out.push(obj);
  }
  for (const o of out) {
    if (!o.apiVersion || !o.kind || !o.metadata?.name) throw new Error(`Every object needs apiVersion, kind and metadata.name (got ${o.kind ?? '?'} ${o.metadata?.name ?? ''})`);
  }
  return out;
}

export function withoutManagedFields<T extends KubeObject>(obj: T): T {
  const copy = structuredClone(obj);
  delete copy.metadata.managedFields;
  return copy;
}

/** YAML shown to people: managed fields hidden unless asked for. */
export function toYaml(obj: KubeObject, opts: { managedFields?: boolean } = {}): string {
  return stringify(opts.managedFields ? obj : withoutManagedFields(obj), { lineWidth: 0 });
}

/** A Secret value in a diff: never the value, but enough to see that it changed. */
function hiddenValue(value: string, base64: boolean): string {
  const bytes = base64 ? Buffer.from(value, 'base64') : Buffer.from(value, 'utf8');
  return `(hidden, ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 8)})`;
}

/** What to compare in a diff: drop fields the server changes on every write; Secret values hidden. */
export function comparable(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const copy = withoutManagedFields(obj);
  delete copy.metadata.resourceVersion;
  delete copy.metadata.generation;
  // Set by the server on create: noise in a preview.
  delete copy.metadata.uid;
  delete copy.metadata.creationTimestamp;
  delete copy.status;
  if (copy.kind === 'Secret') {
    for (const [field, b64] of [
      ['data', true],
      ['stringData', false],
    ] as const) {
      const values = copy[field] as Record<string, string> | undefined;
      if (values) for (const k of Object.keys(values)) values[k] = hiddenValue(values[k]!, b64);
    }
    const ann = copy.metadata.annotations;
    if (ann?.['kubectl.kubernetes.io/last-applied-configuration']) ann['kubectl.kubernetes.io/last-applied-configuration'] = '<hidden>';
  }
  return stringify(copy, { lineWidth: 0, sortMapEntries: true });
}
