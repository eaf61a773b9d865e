import type { Finding } from '../../core/diagnostics';
import { runCommands } from '../support/shell';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'AptGetNoInstallRecommends',
  severity: 'warning',
  doc: 'apt-get install without --no-install-recommends pulls in packages the image does not need',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { instruction, command } of runCommands(model)) {
    if (command.words[0]?.value !== 'apt-get' && command.words[0]?.value !== 'apt') continue;
    const install = command.words.find((w) => w.value === 'install');
    if (!install || command.words.some((w) => w.value === '--no-install-recommends' || /^-o\s*APT::Install-Recommends=(false|0)/.test(w.value))) continue;
    const range = model.range(instruction, install);
    findings.push(report(info, range, `${command.words[0].value} install without --no-install-recommends`,
      { title: 'Add --no-install-recommends', edits: [{ range: { start: range.end, end: range.end }, newText: ' --no-install-recommends' }] }));
  }
  return findings;
}
