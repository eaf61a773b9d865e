/**
 * Just enough shell to find simple commands in a RUN line: words split on unquoted blanks, commands on
 * `&&`, `||`, `;`, `|`, `&` and newlines. Offsets are relative to the scanned string.
 */
import type { DockerfileModel } from '../model';
import type { Instruction, Word } from '../syntax/parse';

export interface SimpleCommand {
  words: Word[];
  /** Separator after it ('' at the end). */
  next: string;
  last: boolean;
}

export function splitCommands(text: string, base = 0): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let cur = '';
  let start = -1;
  let quote = '';
  const endWord = (k: number) => {
    if (start >= 0) words.push({ value: cur, start: base + start, end: base + k });
    cur = '';
    start = -1;
  };
  const endCommand = (sep: string) => {
    commands.push({ words, next: sep, last: false });
    words = [];
  };
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && k + 1 < text.length) cur += text[++k];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (start < 0) start = k;
      quote = ch;
      continue;
    }
    if (ch === '\\' && k + 1 < text.length) {
      if (start < 0) start = k;
      cur += text[++k];
      continue;
    }
    if (ch === '#' && start < 0) {
      while (k < text.length && text[k] !== '\n') k++;
      endCommand('\n');
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      endWord(k);
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      endWord(k);
      let sep = ch;
      if ((ch === '&' || ch === '|') && text[k + 1] === ch) {
        sep += ch;
        k++;
      }
      endCommand(sep);
      continue;
    }
    if (start < 0) start = k;
    cur += ch;
  }
  endWord(text.length);
  endCommand('');
  const nonEmpty = commands.filter((c) => c.words.length);
  if (nonEmpty.length) nonEmpty[nonEmpty.length - 1].last = true;
  return nonEmpty;
}

const cache = new WeakMap<DockerfileModel, Array<{ instruction: Instruction; command: SimpleCommand; index: number }>>();

/** Every simple command of every shell-form RUN in a stage, with joined-line offsets (computed once per model). */
export function runCommands(model: DockerfileModel): Array<{ instruction: Instruction; command: SimpleCommand; index: number }> {
  const cached = cache.get(model);
  if (cached) return cached;
  const out: Array<{ instruction: Instruction; command: SimpleCommand; index: number }> = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.name !== 'run' || instruction.json) continue;
      splitCommands(instruction.argsText, instruction.argsSpan.start).forEach((command, index) => out.push({ instruction, command, index }));
    }
  }
  cache.set(model, out);
  return out;
}
