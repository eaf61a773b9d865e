import type { Finding } from '../../core/diagnostics';
import { parsePortSpec } from '../support/expose';
import { buildkitUrl, report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'ExposeProtoCasing',
  severity: 'warning',
  doc: 'Protocol in EXPOSE instruction should be lowercase',
  buildkit: true,
  url: buildkitUrl('expose-proto-casing'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.name !== 'expose') continue;
      for (const word of ins.args) {
        if (word.value.includes('$')) continue;
        const spec = parsePortSpec(word.value);
        if (spec.error || spec.proto === spec.proto.toLowerCase()) continue;
        const range = model.range(ins, word);
        findings.push(report(info, range, `Defined protocol '${word.value}' in EXPOSE instruction should be lowercase`,
          { title: 'Lowercase the protocol', edits: [{ range, newText: word.value.slice(0, word.value.lastIndexOf('/')) + '/' + spec.proto.toLowerCase() }] }));
      }
    }
  }
  return findings;
}
