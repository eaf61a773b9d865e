import { runCommands } from '../support/shell';
import type { DockerfileRule, RuleContext } from '../rule';

export const sudoInRunRule: DockerfileRule = {
  id: 'SudoInRun',
  severity: 'warning',
  doc: 'sudo in RUN: builds run as the USER of the stage; switch with USER instead',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { instruction, command } of runCommands(model)) {
    const first = command.words[0];
    if (first?.value !== 'sudo') continue;
    const next = command.words[1];
    const range = model.range(instruction, first);
    report(range, 'Do not use sudo in RUN: use USER to change the user', next ? { title: 'Remove sudo', edits: [{ range: model.range(instruction, { start: first.start, end: next.start }), newText: '' }] } : undefined);
  }
}
