import type { Finding } from '../../core/diagnostics';
import { analyze } from '../analysis';
import { exposePorts, parsePortSpec } from '../support/expose';
import { report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'InvalidExposePort',
  severity: 'error',
  doc: 'EXPOSE with a port outside 1-65535, a malformed range or an unknown protocol',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ins of model.ast.instructions) {
    if (ins.name !== 'expose') continue;
    for (const port of exposePorts(ins, analyze(model))) {
      const spec = parsePortSpec(port.value);
      if (spec.error) findings.push(report(info, model.range(ins, port.span), spec.error + (port.expanded ? ` (after expanding ${ins.joined.slice(port.span.start, port.span.end)})` : '')));
    }
  }
  return findings;
}
