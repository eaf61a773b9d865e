import { suggest } from '../analysis';
import type { Instruction } from '../syntax/parse';
import type { DockerfileRule, RuleContext } from '../rule';

export const unknownInstructionRule: DockerfileRule = {
  id: 'UnknownInstruction',
  severity: 'error',
  doc: 'The instruction is not one BuildKit knows (docker build fails with "unknown instruction")',
  appliesTo: 'instructions',
  check,
};

export const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];
const KNOWN = new Set(INSTRUCTIONS.map((i) => i.toLowerCase()));

function check({ model, report }: RuleContext): void {
  const visit = (ins: Instruction, owner: Instruction) => {
    if (KNOWN.has(ins.name)) return;
    // BuildKit suggests case-insensitively among the upper-case names.
    const match = suggest(ins.keyword.toUpperCase(), INSTRUCTIONS);
    const range = model.range(owner, ins.keywordSpan);
    const fixed = match && (ins.keyword === ins.keyword.toLowerCase() ? match.toLowerCase() : match);
    report(range, `unknown instruction: ${ins.keyword}` + (fixed ? ` (did you mean ${fixed}?)` : ''), fixed ? { title: `Change to ${fixed}`, edits: [{ range, newText: fixed }] } : undefined);
  };
  for (const ins of model.ast.instructions) {
    visit(ins, ins);
    if (ins.trigger) visit({ ...ins.trigger, keywordSpan: { start: ins.argsSpan.start + ins.trigger.keywordSpan.start, end: ins.argsSpan.start + ins.trigger.keywordSpan.end } }, ins);
  }
}
