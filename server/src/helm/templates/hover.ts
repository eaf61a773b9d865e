// Hover in a template: a `.Values` key shows the value each values file gives it (and its comment); a function
// its signature and documentation; `include "x"` the define's body; a built-in member what it is.
import * as path from 'node:path';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { builtinAt } from './builtins';
import { scanned } from './chart-files';
import { bodyPreview, fence, valuesDoc } from './completion';
import { definesIn } from './defines';
import { templateFunction } from './functions';
import { chartModel, valuesAt, type ChartModel } from './model';
import { actionAt, nameRefs, tokenAt, valuesRef } from './scan';
import { chartYaml } from './chart-names';
import { valueText } from './values';

export function templateHover(file: SourceFile, position: Position, ctx: ServiceContext): Hover | null {
  const offset = file.document.offsetAt(position);
  const action = actionAt(scanned(file.path, file.text), offset);
  const token = action && tokenAt(action, offset);
  if (!action || !token) return null;
  const range = (start: number, end: number) => ({ start: file.document.positionAt(start), end: file.document.positionAt(end) });
  const markdown = (value: string, start: number, end: number): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range: range(start, end) });
  const model = chartModel(file.path, ctx);
  const ref = valuesRef(token);
  if (ref && model) {
    const index = ref.spans.findIndex(([s, e]) => s <= offset && offset <= e);
    if (index >= 0) {
      const keys = ref.keys.slice(0, index + 1);
      const places = valuesAt(model, keys).map(({ source, entry }) => ({ file: source.file.path, value: valueText(source.file, entry), comment: entry.comment }));
      const head = `**.Values.${keys.join('.')}**`;
      return markdown(places.length ? `${head}\n\n${valuesDoc(places, model.root)}` : `${head}\n\nNot set in the chart's values files: empty unless given at install.`, ref.spans[index]![0], ref.spans[index]![1]);
    }
  }
  if (token.kind === 'field' && model) {
    const parts = token.text.split('.').slice(1);
    let start = token.start + 1;
    for (let i = 0; i < parts.length; i++) {
      const end = start + parts[i]!.length;
      if (offset >= start && offset <= end) {
        const member = builtinAt(parts.slice(0, i + 1));
        if (!member) return null;
        const value = member.chartField ? chartField(model, member.chartField, ctx) : undefined;
        return markdown(`**.${parts.slice(0, i + 1).join('.')}**\n\n${member.doc}${value !== undefined ? `\n\nChart.yaml: \`${value}\`` : ''}`, start, end);
      }
      start = end + 1;
    }
  }
  if (token.kind === 'identifier') {
    const fn = templateFunction(token.text);
    if (fn) return markdown(`${fence(fn.signature, 'go')}\n\n${fn.doc ?? ''}\n\n(${fn.source})`, token.start, token.end);
  }
  if (token.kind === 'string' && model) {
    const name = nameRefs([action]).find((r) => r.start <= offset && offset <= r.end && !r.declaration);
    if (!name) return null;
    const defines = definesIn(model.templates()).filter((d) => d.name === name.name);
    const text = defines.length ? defines.map((d) => `${path.relative(model.root, d.file.path)}:\n${fence(bodyPreview(d.body))}`).join('\n\n') : `No \`define "${name.name}"\` in the chart or its subcharts.`;
    return markdown(`**${name.name}**\n\n${text}`, name.start, name.end);
  }
  return null;
}

function chartField(model: ChartModel, field: string, ctx: ServiceContext): string | undefined {
  const value = chartYaml(model.own, ctx)?.[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
