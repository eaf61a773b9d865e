/**
 * Selection ranges: word → part of the argument (a key or value, a flag's value, one command of a shell
 * line) → the argument (word, flag, heredoc body) → all arguments → the instruction → its stage → the file.
 */
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { nested, toSelectionRange, trimEnd } from '../../core/ranges';
import { keyValues, modelOf, type DockerfileModel } from '../model';
import { offsetAt, type Instruction, type Span } from '../syntax/parse';

type Offsets = [number, number];

export function selectionRanges(file: SourceFile, positions: readonly Position[]): SelectionRange[] {
  const model = modelOf(file);
  return positions.map((position) => {
    const offset = file.document.offsetAt(position);
    return toSelectionRange(file, nested(spansAt(file.text, model, offset), offset));
  });
}

/** Candidate spans (document offsets) around `offset`, outermost first. */
function spansAt(text: string, model: DockerfileModel, offset: number): Offsets[] {
  const spans: Offsets[] = [[0, text.length]];
  for (const stage of model.stages) {
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    if (stage.from.start <= offset && offset <= last.end) spans.push([stage.from.start, last.end]);
  }
  const comment = model.ast.comments.find((c) => c.start <= offset && offset <= c.end);
  const ins = model.ast.instructions.find((i) => i.start <= offset && offset <= i.end);
  if (ins) {
    spans.push([ins.start, ins.end]);
    if (!comment) instructionSpans(text, ins, offset, spans);
  }
  if (comment) spans.push([comment.start, comment.end]);
  const innermost = spans[spans.length - 1];
  spans.push(...wordsAt(text, offset, innermost));
  return spans;
}

function instructionSpans(text: string, ins: Instruction, offset: number, spans: Offsets[]): void {
  const owner = ins.trigger ?? ins;
  for (const heredoc of owner.heredocs) {
    const end = heredoc.terminated ? heredoc.terminatorStart - 1 : ins.end;
    if (heredoc.contentStart <= offset && offset <= end) {
      spans.push([heredoc.contentStart, trimEnd(text, heredoc.contentStart, end)]);
      const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      const lineEnd = text.indexOf('\n', offset);
      spans.push(trimmed(text, lineStart, lineEnd < 0 ? text.length : lineEnd));
      return;
    }
  }
  const j = joinedIndexAt(ins, offset);
  if (j === undefined) return;
  const inJoined = (span: Span) => span.start <= j && j <= span.end;
  const toOffsets = (span: Span): Offsets => [offsetAt(ins, span.start), span.end > span.start ? offsetAt(ins, span.end - 1) + 1 : offsetAt(ins, span.start)];
  if (inJoined(ins.keywordSpan)) {
    spans.push(toOffsets(ins.keywordSpan));
    return;
  }
  spans.push(toOffsets({ start: ins.flags[0]?.start ?? ins.argsSpan.start, end: ins.argsSpan.end }));
  const flag = ins.flags.find(inJoined);
  if (flag) {
    spans.push(toOffsets(flag));
    if (flag.hasValue && j >= flag.valueStart) {
      spans.push(toOffsets({ start: flag.valueStart, end: flag.end }));
      // --mount=type=cache,target=/root/.cache: one comma-separated option.
      const part = pieceAt(ins.joined, flag.valueStart, flag.end, j, /,/g);
      if (part) spans.push(toOffsets(part));
    }
    return;
  }
  spans.push(toOffsets(ins.argsSpan));
  const word = ins.args.find(inJoined);
  if (!word) return;
  spans.push(toOffsets(word));
  if (ins.name === 'env' || ins.name === 'label' || ins.name === 'arg') {
    const kv = ins.name === 'arg' ? undefined : keyValues(ins).find((k) => k.keySpan.start >= word.start && k.valueSpan.end <= word.end);
    const eq = ins.joined.indexOf('=', word.start);
    const key = kv?.keySpan ?? (eq >= 0 && eq < word.end ? { start: word.start, end: eq } : undefined);
    const value = kv?.valueSpan ?? (key ? { start: key.end + 1, end: word.end } : undefined);
    if (key && inJoined(key)) spans.push(toOffsets(key));
    else if (value && inJoined(value)) spans.push(toOffsets(value));
  } else if (!ins.json && (ins.name === 'run' || ins.name === 'cmd' || ins.name === 'entrypoint')) {
    // One command of a shell line: `apt-get update && apt-get install -y curl`.
    const command = pieceAt(ins.joined, word.start, word.end, j, /&&|\|\||[;|]/g);
    if (command) spans.push(toOffsets(command));
  }
}

/** The piece of [start, end) holding `j`, cut at `separator` (outside quotes), trimmed; undefined if there is one piece. */
function pieceAt(text: string, start: number, end: number, j: number, separator: RegExp): Span | undefined {
  const cuts: Span[] = [];
  separator.lastIndex = start;
  const body = text.slice(0, end);
  // Quote state carried from one separator to the next: rescanning from `start` each time was quadratic.
  const quotes = { at: start, quote: '' };
  let m: RegExpExecArray | null;
  while ((m = separator.exec(body))) {
    if (!insideQuotes(text, quotes, m.index)) cuts.push({ start: m.index, end: m.index + m[0].length });
  }
  if (!cuts.length) return undefined;
  let from = start;
  for (const cut of [...cuts, { start: end, end }]) {
    if (j <= cut.start) {
      const t = trimmed(text, from, cut.start);
      return { start: t[0], end: t[1] };
    }
    from = cut.end;
  }
  return undefined;
}

/** Whether `at` is inside quotes, scanning on from where the previous call stopped. */
function insideQuotes(text: string, state: { at: number; quote: string }, at: number): boolean {
  let { quote } = state;
  let k = state.at;
  for (; k < at; k++) {
    const ch = text[k];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') k++;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') k++;
  }
  state.at = k;
  state.quote = quote;
  return quote !== '';
}

/** Joined-line index of a document offset, or undefined on a comment or blank line inside the instruction. */
function joinedIndexAt(ins: Instruction, offset: number): number | undefined {
  const { map, joined } = ins;
  for (let k = 0; k < map.length; k += 2) {
    const length = (k + 2 < map.length ? map[k + 2] : joined.length) - map[k];
    if (map[k + 1] <= offset && offset <= map[k + 1] + length) return map[k] + (offset - map[k + 1]);
  }
  return undefined;
}

/** The token at the offset (between blanks and quotes), then the identifier-like word inside it. */
function wordsAt(text: string, offset: number, within: Offsets): Offsets[] {
  const out: Offsets[] = [];
  const token = around(text, offset, within, (ch) => !/[\s"']/.test(ch));
  if (token) out.push(token);
  const word = around(text, offset, token ?? within, (ch) => /[\w-]/.test(ch));
  if (word) out.push(word);
  return out;
}

function around(text: string, offset: number, within: Offsets, inside: (ch: string) => boolean): Offsets | undefined {
  let start = offset;
  let end = offset;
  while (start > within[0] && inside(text[start - 1])) start--;
  while (end < within[1] && inside(text[end])) end++;
  return start === end ? undefined : [start, end];
}

function trimmed(text: string, start: number, end: number): Offsets {
  while (start < end && /\s/.test(text[start])) start++;
  return [start, trimEnd(text, start, end)];
}
