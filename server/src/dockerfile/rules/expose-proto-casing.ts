import type { Finding } from '../../core/diagnostics';
import { dispatchedExposePorts } from '../support/expose';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'ExposeProtoCasing',
  severity: 'warning',
  doc: 'Protocol in EXPOSE instruction should be lowercase',
  buildkit: true,
  dispatch: true,
  url: buildkitUrl('expose-proto-casing'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { ins, port, spec } of dispatchedExposePorts(model)) {
    if (spec.error || spec.proto === spec.proto.toLowerCase()) continue;
    const range = model.range(ins, port.span);
    findings.push(report(info, range, `Defined protocol '${port.value}' in EXPOSE instruction should be lowercase`,
      port.expanded || ins.fromTrigger ? undefined : { title: 'Lowercase the protocol', edits: [{ range, newText: port.value.slice(0, port.value.lastIndexOf('/')) + '/' + spec.proto.toLowerCase() }] }));
  }
  return findings;
}
