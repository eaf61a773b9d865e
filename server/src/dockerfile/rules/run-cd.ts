import { runCommands } from '../support/shell';
import type { DockerfileRule, RuleContext } from '../rule';

export const runCdRule: DockerfileRule = {
  id: 'RunCd',
  severity: 'warning',
  doc: 'cd in RUN to set the directory for later commands: use WORKDIR',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { instruction, command, index } of runCommands(model)) {
    if (command.words[0]?.value !== 'cd' || index !== 0) continue;
    const dir = command.words[1]?.value;
    const at = model.range(instruction, command.words[0]);
    if (command.last) {
      // A RUN that is only `cd` changes nothing for later instructions.
      const range = model.range(instruction);
      report(at, 'RUN cd has no effect on later instructions: use WORKDIR', dir?.startsWith('/') ? { title: `Replace with WORKDIR ${dir}`, edits: [{ range, newText: `WORKDIR ${dir}` }] } : undefined);
    } else if (dir?.startsWith('/') && (command.next === '&&' || command.next === ';')) {
      // `cd /abs && …` at the start of a RUN: WORKDIR says the same, visibly, once (hadolint DL3003).
      report(at, `Use WORKDIR ${dir} instead of cd at the start of RUN`);
    }
  }
}
