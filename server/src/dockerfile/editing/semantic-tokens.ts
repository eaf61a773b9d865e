/** Semantic tokens in the shared legend (core/language.ts): keywords, flags, stages, images, variables, comments. */
import type { SemanticTokens } from 'vscode-languageserver-types';
import { SEMANTIC_TOKEN_TYPES } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { argDecls, keyValues, modelOf } from '../model';
import { offsetAt, type Instruction } from '../syntax/parse';
import { scanVariables } from '../syntax/variables';

const TOKEN = Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((t, k) => [t, k])) as Record<(typeof SEMANTIC_TOKEN_TYPES)[number], number>;

export function semanticTokens(file: SourceFile): SemanticTokens {
  const model = modelOf(file);
  const tokens: Array<[number, number, number, number, number]> = [];
  const push = (startOffset: number, endOffset: number, type: number, modifiers = 0) => {
    const start = file.document.positionAt(startOffset);
    const end = file.document.positionAt(endOffset);
    if (end.line !== start.line || end.character <= start.character) return;
    tokens.push([start.line, start.character, end.character - start.character, type, modifiers]);
  };
  const span = (ins: Instruction, s: number, e: number, type: number, modifiers = 0) => {
    // A span may cross continuation lines: emit per contiguous piece.
    let pieceStart = s;
    for (let k = s + 1; k <= e; k++) {
      if (k === e || offsetAt(ins, k) !== offsetAt(ins, k - 1) + 1) {
        push(offsetAt(ins, pieceStart), offsetAt(ins, k - 1) + 1, type, modifiers);
        pieceStart = k;
      }
    }
  };
  for (const c of model.ast.comments) push(c.start, c.end, TOKEN.comment);
  for (const ins of model.ast.instructions) {
    span(ins, ins.keywordSpan.start, ins.keywordSpan.end, TOKEN.keyword);
    if (ins.trigger) span(ins, ins.argsSpan.start + ins.trigger.keywordSpan.start, ins.argsSpan.start + ins.trigger.keywordSpan.end, TOKEN.keyword);
    for (const f of ins.flags) span(ins, f.start, f.valueStart > f.start && f.hasValue ? f.valueStart - 1 : f.end, TOKEN.parameter);
    const stage = ins.name === 'from' ? model.stages.find((s) => s.from === ins) : undefined;
    if (stage?.base) span(ins, stage.base.start, stage.base.end, TOKEN.class);
    if (stage?.asWord) span(ins, stage.asWord.start, stage.asWord.end, TOKEN.keyword);
    if (stage?.nameWord) span(ins, stage.nameWord.start, stage.nameWord.end, TOKEN.namespace, 1);
    if (ins.name === 'arg') for (const d of argDecls(ins)) span(ins, d.keySpan.start, d.keySpan.end, TOKEN.variable, 1);
    if (ins.name === 'env' || ins.name === 'label') for (const kv of keyValues(ins)) span(ins, kv.keySpan.start, kv.keySpan.end, ins.name === 'env' ? TOKEN.variable : TOKEN.property, ins.name === 'env' ? 1 : 0);
    if (ins.name === 'expose') for (const w of ins.args) if (/^\d/.test(w.value)) span(ins, w.start, w.end, TOKEN.number);
    if (ins.name !== 'from') {
      for (const ref of scanVariables(ins.joined.slice(ins.argsSpan.start, ins.argsSpan.end), { escape: model.ast.escape, skipQuotes: ins.name === 'run' || ins.name === 'cmd' || ins.name === 'entrypoint' }).refs) {
        span(ins, ins.argsSpan.start + ref.start, ins.argsSpan.start + ref.end, TOKEN.variable);
      }
    } else if (stage?.base) {
      for (const ref of scanVariables(stage.base.value, { escape: model.ast.escape }).refs) span(ins, stage.base.start + ref.start, stage.base.start + ref.end, TOKEN.variable);
    }
  }
  tokens.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const [l, c, len, type, mods] of tokens) {
    if (l === lastLine && c < lastEnd) continue; // overlapping tokens are not allowed
    data.push(l - line, l === line ? c - char : c, len, type, mods);
    line = l;
    char = c;
    lastLine = l;
    lastEnd = c + len;
  }
  return { data };
}
