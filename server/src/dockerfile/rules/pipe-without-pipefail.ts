import type { Finding } from '../../core/diagnostics';
import { runCommands, type SimpleCommand } from '../support/shell';
import type { Instruction } from '../syntax/parse';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'PipeWithoutPipefail',
  severity: 'warning',
  doc: 'A pipe in RUN under /bin/sh without `set -o pipefail`: a failure on the left of | goes unnoticed',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // The RUN lines split into commands once for every shell rule (support/shell.ts caches per model).
  const commands = new Map<Instruction, SimpleCommand[]>();
  for (const { instruction, command } of runCommands(model)) {
    const list = commands.get(instruction) ?? [];
    list.push(command);
    commands.set(instruction, list);
  }
  for (const stage of model.stages) {
    let shell = 'sh';
    for (const ins of stage.instructions) {
      if (ins.name === 'shell' && ins.json) {
        const args = ins.args.map((a) => a.value);
        shell = args.join(' ');
      }
      if (ins.name !== 'run' || ins.json || ins.heredocs.length) continue;
      if (/-o\s+pipefail|pipefail/.test(shell)) continue;
      const list = commands.get(ins) ?? [];
      const pipe = list.some((c) => c.next === '|');
      const pipefail = list.some((c) => c.words[0]?.value === 'set' && c.words.some((w, k) => w.value === 'pipefail' && /^-\w*o$/.test(c.words[k - 1]?.value ?? '')));
      if (!pipe || pipefail) continue;
      // No mechanical fix: dash (Debian's sh) has no pipefail, so the remedy depends on the image's shells.
      findings.push(report(info, model.range(ins, ins.keywordSpan), 'Pipe in RUN without `set -o pipefail`: only the last command\'s exit status counts'));
    }
  }
  return findings;
}
