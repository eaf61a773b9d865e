import type { Finding } from '../../core/diagnostics';
import { parsePortSpec } from '../support/expose';
import { buildkitUrl, report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'ExposeInvalidFormat',
  severity: 'warning',
  doc: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
  buildkit: true,
  url: buildkitUrl('expose-invalid-format'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.name !== 'expose') continue;
      for (const word of ins.args) {
        if (word.value.includes('$')) continue;
        const spec = parsePortSpec(word.value);
        if (spec.error || (!spec.ip && !spec.hostPort)) continue;
        const range = model.range(ins, word);
        const fixed = spec.containerPort + (spec.protoGiven ? '/' + spec.proto : '');
        findings.push(report(info, range, `EXPOSE instruction should not define an IP address or host-port mapping, found '${word.value}'`,
          { title: `Change to ${fixed}`, edits: [{ range, newText: fixed }] }));
      }
    }
  }
  return findings;
}
