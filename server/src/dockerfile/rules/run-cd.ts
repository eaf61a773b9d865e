import type { Finding } from '../../core/diagnostics';
import { runCommands } from '../support/shell';
import { report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'RunCd',
  severity: 'warning',
  doc: 'cd in RUN to set the directory for later commands: use WORKDIR',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { instruction, command, index } of runCommands(model)) {
    if (command.words[0]?.value !== 'cd' || index !== 0) continue;
    const dir = command.words[1]?.value;
    const at = model.range(instruction, command.words[0]);
    if (command.last) {
      // A RUN that is only `cd` changes nothing for later instructions.
      const range = model.range(instruction);
      findings.push(report(info, at, 'RUN cd has no effect on later instructions: use WORKDIR',
        dir && dir.startsWith('/') ? { title: `Replace with WORKDIR ${dir}`, edits: [{ range, newText: `WORKDIR ${dir}` }] } : undefined));
    } else if (dir && dir.startsWith('/') && (command.next === '&&' || command.next === ';')) {
      // `cd /abs && …` at the start of a RUN: WORKDIR says the same, visibly, once (hadolint DL3003).
      findings.push(report(info, at, `Use WORKDIR ${dir} instead of cd at the start of RUN`));
    }
  }
  return findings;
}
