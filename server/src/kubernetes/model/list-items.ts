import { Document, isMap, isSeq, type Node } from 'yaml';
import { YAML_OPTIONS } from '../../yaml/options';
import { isRecord, type ManifestDocument } from './documents';

/**
 * A list document (`kind: List`, or a typed `…List`) with an `items` sequence: kubectl creates each item
 * on its own, so each is validated as its own object. Every item shares the list's text and positions
 * (its tree is the item's node), so findings land on the item's own lines. Undefined for other documents.
 */
export function listItems(doc: ManifestDocument): ManifestDocument[] | undefined {
  if (!doc.kind?.endsWith('List') || !doc.value || !Array.isArray(doc.value.items)) return undefined;
  const root = doc.yaml.contents as Node | null;
  if (!isMap(root)) return undefined;
  const itemsNode = root.get('items', true) as Node | undefined;
  if (!isSeq(itemsNode)) return undefined;
  const values = doc.value.items as unknown[];
  const out: ManifestDocument[] = [];
  itemsNode.items.forEach((node, index) => {
    const value = values[index];
    if (!isMap(node) || !isRecord(value)) return;
    const yaml = new Document(undefined, YAML_OPTIONS) as Document.Parsed;
    yaml.contents = node as Document.Parsed['contents'];
    const metadata = isRecord(value.metadata) ? value.metadata : undefined;
    out.push({
      ...doc,
      yaml,
      value,
      apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : undefined,
      kind: typeof value.kind === 'string' ? value.kind : undefined,
      name: typeof metadata?.name === 'string' ? metadata.name : undefined,
      namespace: typeof metadata?.namespace === 'string' ? metadata.namespace : undefined,
    });
  });
  return out;
}
