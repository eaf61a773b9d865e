import type { Finding } from '../../core/diagnostics';
import { dispatchedExposePorts } from '../support/expose';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'ExposeInvalidFormat',
  severity: 'warning',
  doc: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  buildkit: true,
  dispatch: true,
  url: buildkitUrl('expose-invalid-format'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { ins, port, spec } of dispatchedExposePorts(model)) {
    if (spec.error || (!spec.ip && !spec.hostPort)) continue;
    const range = model.range(ins, port.span);
    const fixed = spec.containerPort + (spec.protoGiven ? '/' + spec.proto : '');
    findings.push(report(info, range, `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.value}'`,
      port.expanded || ins.fromTrigger ? undefined : { title: `Change to ${fixed}`, edits: [{ range, newText: fixed }] }));
  }
  return findings;
}
