import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { rangeOfPath } from '../../yaml/parse';
import { documentsOf } from '../model/documents';

/** One symbol per document: "Kind name", detail apiVersion, children for containers. */
export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const doc of documentsOf(file)) {
    if (!doc.kind) continue;
    const lines = doc.text.split('\n');
    const last = lines.length - 1;
    const range = { start: { line: doc.startLine, character: 0 }, end: { line: doc.startLine + last, character: lines[last].length } };
    const local = doc.name ? rangeOfPath(doc.local, doc.yaml, ['metadata', 'name']) : rangeOfPath(doc.local, doc.yaml, ['kind']);
    const selectionRange = { start: { line: local.start.line + doc.startLine, character: local.start.character }, end: { line: local.end.line + doc.startLine, character: local.end.character } };
    out.push({
      name: `${doc.kind} ${doc.name ?? '(unnamed)'}`,
      detail: doc.namespace ? `${doc.apiVersion ?? ''} · ${doc.namespace}` : (doc.apiVersion ?? ''),
      kind: SymbolKind.Class,
      range,
      selectionRange: containsRange(range, selectionRange) ? selectionRange : { start: range.start, end: range.start },
    });
  }
  return out;
}

function containsRange(outer: DocumentSymbol['range'], inner: DocumentSymbol['range']): boolean {
  return inner.start.line >= outer.start.line && inner.end.line <= outer.end.line;
}
