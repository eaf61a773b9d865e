/** Folding ranges: build stages, multi-line instructions (continuations, heredocs), runs of comment lines. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { FoldingOptions } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { oneRangePerLine } from '../../core/ranges';
import { modelOf, type DockerfileModel, type Stage } from '../model';
import type { Heredoc, Instruction } from '../syntax/parse';

export function foldingRanges(file: SourceFile, _options: FoldingOptions): FoldingRange[] {
  const model = modelOf(file);
  const { ast } = model;
  const commentLines = new Set(ast.comments.map((c) => c.line));
  const out: FoldingRange[] = [];
  model.stages.forEach((stage, k) => {
    const endLine = stageEndLine(file, model, stage, model.stages[k + 1], commentLines);
    if (endLine > stage.from.startLine) out.push({ startLine: stage.from.startLine, endLine });
  });
  for (const ins of ast.instructions) {
    const endLine = instructionEndLine(file, ins);
    if (endLine > ins.startLine) out.push({ startLine: ins.startLine, endLine });
  }
  let runStart = -1;
  let previous = -2;
  for (const { line } of ast.comments) {
    if (line !== previous + 1) {
      if (previous > runStart && runStart >= 0) out.push({ startLine: runStart, endLine: previous, kind: FoldingRangeKind.Comment });
      runStart = line;
    }
    previous = line;
  }
  if (previous > runStart && runStart >= 0) out.push({ startLine: runStart, endLine: previous, kind: FoldingRangeKind.Comment });
  return oneRangePerLine(out);
}

/**
 * A stage runs from its FROM to the line before the next FROM, less the blank lines and the comments right
 * above that FROM (they introduce the next stage); never short of its last instruction.
 */
function stageEndLine(file: SourceFile, model: DockerfileModel, stage: Stage, next: Stage | undefined, commentLines: Set<number>): number {
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  let line = next ? next.from.startLine - 1 : file.document.lineCount - 1;
  if (next) while (line > last.endLine && commentLines.has(line)) line--;
  while (line > last.endLine && isBlankLine(model, line)) line--;
  return Math.max(line, last.endLine);
}

function isBlankLine(model: DockerfileModel, line: number): boolean {
  const { text, lineStarts } = model.ast;
  return text.slice(lineStarts[line], lineStarts[line + 1] ?? text.length).trim() === '';
}

/** The instruction's last line; with a heredoc, the line before its terminator (which stays visible, like a closing bracket). */
function instructionEndLine(file: SourceFile, ins: Instruction): number {
  const heredocs: Heredoc[] = ins.heredocs.length ? ins.heredocs : (ins.trigger?.heredocs ?? []);
  const last = heredocs[heredocs.length - 1];
  if (last?.terminated) return file.document.positionAt(last.terminatorStart).line - 1;
  return ins.endLine;
}
