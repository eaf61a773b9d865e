/** Hover: the stage a name points to, a variable's definition and value, else the instruction's documentation. */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { modelOf } from '../model';
import { targetAt } from './navigation';
import { service, withinServiceLimit } from './service';

export function hover(file: SourceFile, position: Position): Hover | null {
  const model = modelOf(file);
  const target = targetAt(model, position);
  if (target?.kind === 'stage') {
    const s = target.stage;
    const base = s.base ? ` (from \`${s.base.value}\`)` : '';
    return { range: target.range, contents: { kind: MarkupKind.Markdown, value: `**Stage** \`${s.name ?? s.index}\`${base}, line ${s.from.startLine + 1}` } };
  }
  if (target?.kind === 'var') {
    const def = target.def;
    const lines: string[] = [];
    if (def) {
      const where = def.image
        ? `ENV of the \`${def.image}\` image`
        : def.kind === 'builtin'
          ? def.global
            ? 'automatic platform ARG'
            : 'set in every image'
          : `${def.kind}${def.global ? ' (global)' : ''} on line ${(def.instruction?.startLine ?? 0) + 1}`;
      lines.push(`\`${def.name}\` — ${where}`);
      lines.push(def.value !== undefined ? `Value: \`${def.value}\`` : 'Value: not set in the Dockerfile (build argument or empty)');
    } else if (target.use?.undefined) {
      lines.push(`\`${target.name}\` is not defined here`);
    } else {
      lines.push(`\`${target.name}\` — expanded by the shell at run time`);
    }
    return { range: target.range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
  }
  return withinServiceLimit(file.text) ? service.computeHover(file.text, position) : null;
}
