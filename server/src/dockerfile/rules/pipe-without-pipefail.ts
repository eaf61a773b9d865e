import type { Finding } from '../../core/diagnostics';
import { analyzeShell } from '../support/shell';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'PipeWithoutPipefail',
  severity: 'warning',
  doc: 'A pipe in RUN under /bin/sh without `set -o pipefail`: a failure on the left of | goes unnoticed',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    let shell = 'sh';
    for (const ins of stage.instructions) {
      if (ins.name === 'shell' && ins.json) {
        const args = ins.args.map((a) => a.value);
        shell = args.join(' ');
      }
      if (ins.name !== 'run' || ins.json || ins.heredocs.length) continue;
      if (/-o\s+pipefail|pipefail/.test(shell)) continue;
      const facts = analyzeShell(ins.argsText);
      if (!facts.pipe || facts.pipefail) continue;
      // No mechanical fix: dash (Debian's sh) has no pipefail, so the remedy depends on the image's shells.
      findings.push(report(info, model.range(ins, ins.keywordSpan), 'Pipe in RUN without `set -o pipefail`: only the last command\'s exit status counts'));
    }
  }
  return findings;
}
