// What the client asks about a manifest's text instead of parsing it itself (client/src/kubernetes/dry-run.ts):
// which documents are Kubernetes objects, and where a field of one of them is. Same documents model as
// validation (model/documents.ts, cached by text), so the two requests of a dry run parse the text once.
import type { Range } from 'vscode-languageserver-types';
import type { KubernetesField, KubernetesObjectDocument } from '../../../../protocol';
import { rangeOfPath } from '../../yaml/parse';
import { manifestDocuments, type ManifestDocument } from './documents';

/** The documents with a mapping value and top-level apiVersion and kind, in text order. */
export function objectDocuments(text: string): KubernetesObjectDocument[] {
  const out: KubernetesObjectDocument[] = [];
  manifestDocuments(text).forEach((doc, index) => {
    if (!doc.value || !doc.apiVersion || !doc.kind) return;
    const end = doc.local.positionAt(doc.text.length);
    out.push({
      document: index,
      apiVersion: doc.apiVersion,
      kind: doc.kind,
      name: doc.name,
      namespace: doc.namespace,
      range: { start: { line: doc.startLine, character: 0 }, end: { line: doc.startLine + end.line, character: end.character } },
      text: doc.text.replace(/^---[^\n]*\n/, ''),
    });
  });
  return out;
}

/** Each field's range in the text (its nearest existing parent's when absent); null for a document the text lacks. */
export function fieldRanges(text: string, fields: readonly KubernetesField[]): (Range | null)[] {
  const docs = manifestDocuments(text);
  return fields.map((field) => {
    const doc: ManifestDocument | undefined = docs[field.document];
    return doc ? shift(rangeOfPath(doc.local, doc.yaml, field.path, field.part ?? 'value'), doc.startLine) : null;
  });
}

function shift(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}
