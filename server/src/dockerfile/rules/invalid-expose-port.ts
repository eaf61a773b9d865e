import { analyze } from '../analysis';
import { exposePorts, parsePortSpec } from '../support/expose';
import type { DockerfileRule, RuleContext } from '../rule';

export const invalidExposePortRule: DockerfileRule = {
  id: 'InvalidExposePort',
  severity: 'error',
  doc: 'EXPOSE with a port outside 1-65535, a malformed range or an unknown protocol',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const ins of model.ast.instructions) {
    if (ins.name !== 'expose') continue;
    for (const port of exposePorts(ins, analyze(model))) {
      const spec = parsePortSpec(port.value);
      if (spec.error) report(model.range(ins, port.span), spec.error + (port.expanded ? ` (after expanding ${ins.joined.slice(port.span.start, port.span.end)})` : ''));
    }
  }
}
