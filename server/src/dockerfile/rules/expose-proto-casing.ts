import { dispatchedExposePorts } from '../support/expose';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const exposeProtoCasingRule: DockerfileRule = {
  id: 'ExposeProtoCasing',
  severity: 'warning',
  doc: 'Protocol in EXPOSE instruction should be lowercase',
  buildkit: true,
  url: buildkitUrl('expose-proto-casing'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { ins, port, spec } of dispatchedExposePorts(model)) {
    if (spec.error || spec.proto === spec.proto.toLowerCase()) continue;
    const range = model.range(ins, port.span);
    report(
      range,
      `Defined protocol '${port.value}' in EXPOSE instruction should be lowercase`,
      port.expanded || ins.fromTrigger ? undefined : { title: 'Lowercase the protocol', edits: [{ range, newText: port.value.slice(0, port.value.lastIndexOf('/')) + '/' + spec.proto.toLowerCase() }] },
    );
  }
}
