// Named templates: each `{{ define "x" }}` of a chart tree with its body, found from the scanned actions
// (an action's first word opens or closes a block), and the `include`/`template` calls naming them.
import type { TemplateFile } from './chart-files';
import { nameRefs, type Action, type NameRef } from './scan';

export interface Define {
  name: string;
  file: TemplateFile;
  /** Offsets of the name inside its quotes. */
  start: number;
  end: number;
  /** The body's text, between the define's "}}" and its end's "{{". */
  body: string;
}

const OPENS = new Set(['if', 'range', 'with', 'define', 'block']);

/** The first word of an action (after "{{-"), which tells blocks apart. */
function keyword(action: Action): string | undefined {
  const first = action.tokens[0];
  return first?.kind === 'identifier' ? first.text : undefined;
}

export function definesOf(file: TemplateFile): Define[] {
  const out: Define[] = [];
  const refs = nameRefs(file.actions).filter((r) => r.declaration);
  for (const ref of refs) {
    const index = file.actions.findIndex((a) => a.start <= ref.start && ref.end <= a.end);
    const open = file.actions[index];
    if (!open) continue;
    let depth = 0;
    let close = file.text.length;
    for (let i = index + 1; i < file.actions.length; i++) {
      const word = keyword(file.actions[i]!);
      if (word && OPENS.has(word)) depth++;
      else if (word === 'end' && depth-- === 0) {
        close = file.actions[i]!.start;
        break;
      }
    }
    out.push({ name: ref.name, file, start: ref.start, end: ref.end, body: file.text.slice(open.end, close) });
  }
  return out;
}

export function definesIn(files: readonly TemplateFile[]): Define[] {
  return files.flatMap(definesOf);
}

/** Every `include`/`template`/`define` of a name across the files. */
export function nameUses(files: readonly TemplateFile[], name: string): { file: TemplateFile; ref: NameRef }[] {
  const out: { file: TemplateFile; ref: NameRef }[] = [];
  for (const file of files) for (const ref of nameRefs(file.actions)) if (ref.name === name) out.push({ file, ref });
  return out;
}
