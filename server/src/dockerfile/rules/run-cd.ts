import type { Finding } from '../../core/diagnostics';
import { runCommands } from '../support/shell';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'RunCd',
  severity: 'warning',
  doc: 'cd in RUN to set the directory for later commands: use WORKDIR',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { instruction, command, index } of runCommands(model)) {
    // `cd dir && make` in one RUN is fine; a RUN that is only `cd` does nothing for later instructions.
    if (command.words[0]?.value !== 'cd' || index !== 0 || command.last !== true) continue;
    const dir = command.words[1]?.value;
    const range = model.range(instruction);
    findings.push(report(info, model.range(instruction, command.words[0]), 'RUN cd has no effect on later instructions: use WORKDIR',
      dir && dir.startsWith('/') ? { title: `Replace with WORKDIR ${dir}`, edits: [{ range, newText: `WORKDIR ${dir}` }] } : undefined));
  }
  return findings;
}
