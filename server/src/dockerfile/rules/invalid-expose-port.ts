import type { Finding } from '../../core/diagnostics';
import { parsePortSpec } from '../support/expose';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'InvalidExposePort',
  severity: 'error',
  doc: 'EXPOSE with a port outside 1-65535, a malformed range or an unknown protocol',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ins of model.ast.instructions) {
    if (ins.name !== 'expose') continue;
    for (const word of ins.args) {
      if (word.value.includes('$')) continue;
      const spec = parsePortSpec(word.value);
      if (spec.error) findings.push(report(info, model.range(ins, word), spec.error));
    }
  }
  return findings;
}
