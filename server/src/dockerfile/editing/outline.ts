/** Document symbols: global ARGs, then one symbol per stage with its ARG/ENV and instructions. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { argDecls, keyValues, modelOf } from '../model';
import type { Instruction } from '../syntax/parse';

export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  const model = modelOf(file);
  const symbol = (ins: Instruction, name: string, kind: SymbolKind, children?: DocumentSymbol[]): DocumentSymbol => ({
    name,
    kind,
    range: model.range(ins),
    selectionRange: model.range(ins, ins.keywordSpan),
    children,
  });
  const out: DocumentSymbol[] = [];
  for (const ins of model.globalArgs) for (const d of argDecls(ins)) out.push({ ...symbol(ins, d.key, SymbolKind.Variable), detail: 'ARG', selectionRange: model.range(ins, d.keySpan) });
  for (const stage of model.stages) {
    const children: DocumentSymbol[] = [];
    for (const ins of stage.instructions) {
      if (ins.name === 'arg') for (const d of argDecls(ins)) children.push({ ...symbol(ins, d.key, SymbolKind.Variable), detail: 'ARG', selectionRange: model.range(ins, d.keySpan) });
      else if (ins.name === 'env') for (const kv of keyValues(ins)) children.push({ ...symbol(ins, kv.key, SymbolKind.Constant), detail: 'ENV', selectionRange: model.range(ins, kv.keySpan) });
      else children.push({ ...symbol(ins, ins.keyword.toUpperCase(), SymbolKind.Function), detail: ins.argsText.slice(0, 60) });
    }
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    out.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${stage.base?.value ?? ''}`,
      kind: SymbolKind.Class,
      range: { start: model.range(stage.from).start, end: model.range(last).end },
      selectionRange: model.range(stage.from, stage.nameWord ?? stage.base ?? stage.from.keywordSpan),
      children,
    });
  }
  return out;
}
