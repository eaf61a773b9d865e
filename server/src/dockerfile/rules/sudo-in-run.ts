import type { Finding } from '../../core/diagnostics';
import { runCommands } from '../support/shell';
import { report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'SudoInRun',
  severity: 'warning',
  doc: 'sudo in RUN: builds run as the USER of the stage; switch with USER instead',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { instruction, command } of runCommands(model)) {
    const first = command.words[0];
    if (first?.value !== 'sudo') continue;
    const next = command.words[1];
    const range = model.range(instruction, first);
    findings.push(report(info, range, 'Do not use sudo in RUN: use USER to change the user',
      next ? { title: 'Remove sudo', edits: [{ range: model.range(instruction, { start: first.start, end: next.start }), newText: '' }] } : undefined));
  }
  return findings;
}
