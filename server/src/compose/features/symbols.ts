import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isMap, isPair, isScalar, type Node } from 'yaml';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { rangeOf } from '../../yaml/parse';
import { analyze } from '../analysis';
import { own } from '../../core/own';

const KINDS: Record<string, SymbolKind> = {
  services: SymbolKind.Class,
  jobs: SymbolKind.Class,
  volumes: SymbolKind.Variable,
  networks: SymbolKind.Interface,
  secrets: SymbolKind.Key,
  configs: SymbolKind.Object,
  models: SymbolKind.Module,
  include: SymbolKind.Package,
};

/** The outline: top-level sections, with services (and volumes, networks…) as their children. */
export function composeSymbols(file: SourceFile, ctx: ServiceContext): DocumentSymbol[] {
  const { compose } = analyze(file, ctx.settings, ctx.workspace);
  const root = compose.doc?.contents as Node | null | undefined;
  if (!isMap(root)) return [];
  const symbols: DocumentSymbol[] = [];
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const range = rangeOf(file.document, pair as never);
    const selection = rangeOf(file.document, pair.key as Node);
    if (!range || !selection) continue;
    const children: DocumentSymbol[] = [];
    if (isMap(pair.value) && own(KINDS, name) !== undefined) {
      for (const child of pair.value.items) {
        if (!isPair(child) || !isScalar(child.key)) continue;
        const childRange = rangeOf(file.document, child as never);
        const childSelection = rangeOf(file.document, child.key as Node);
        if (!childRange || !childSelection) continue;
        const image = isMap(child.value) ? child.value.get('image') : undefined;
        children.push({ name: String(child.key.value), detail: typeof image === 'string' ? image : undefined, kind: KINDS[name], range: childRange, selectionRange: childSelection });
      }
    }
    symbols.push({ name, kind: name === 'services' ? SymbolKind.Namespace : SymbolKind.Field, range, selectionRange: selection, children });
  }
  return symbols;
}
