import { dispatchedExposePorts } from '../support/expose';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const exposeInvalidFormatRule: DockerfileRule = {
  id: 'ExposeInvalidFormat',
  severity: 'warning',
  doc: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  buildkit: true,
  url: buildkitUrl('expose-invalid-format'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { ins, port, spec } of dispatchedExposePorts(model)) {
    if (spec.error || (!spec.ip && !spec.hostPort)) continue;
    const range = model.range(ins, port.span);
    const fixed = spec.containerPort + (spec.protoGiven ? '/' + spec.proto : '');
    report(range, `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.value}'`, port.expanded || ins.fromTrigger ? undefined : { title: `Change to ${fixed}`, edits: [{ range, newText: fixed }] });
  }
}
