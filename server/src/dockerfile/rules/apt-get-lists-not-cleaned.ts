import type { Finding } from '../../core/diagnostics';
import { runCommands } from '../support/shell';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'AptGetListsNotCleaned',
  severity: 'warning',
  doc: 'RUN with apt-get install that does not remove /var/lib/apt/lists/* keeps the package index in the layer',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<unknown>();
  for (const { instruction, command } of runCommands(model)) {
    if (seen.has(instruction)) continue;
    if (command.words[0]?.value !== 'apt-get' || !command.words.some((w) => w.value === 'install')) continue;
    seen.add(instruction);
    const text = instruction.joined;
    // A cache mount on the lists directory keeps them out of the layer too.
    if (/rm\s+(-\w+\s+)*[^;&|]*\/var\/lib\/apt\/lists/.test(text) || /target=\/var\/lib\/apt/.test(text)) continue;
    const end = model.range(instruction, instruction.argsSpan).end;
    findings.push(report(info, model.range(instruction, instruction.keywordSpan), 'apt-get install without removing /var/lib/apt/lists/* afterwards',
      instruction.json || instruction.heredocs.length ? undefined : { title: 'Append && rm -rf /var/lib/apt/lists/*', edits: [{ range: { start: end, end }, newText: ' \\\n    && rm -rf /var/lib/apt/lists/*' }] }));
  }
  return findings;
}
