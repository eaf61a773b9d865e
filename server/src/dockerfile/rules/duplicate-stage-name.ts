import type { Finding } from '../../core/diagnostics';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'DuplicateStageName',
  severity: 'warning',
  doc: 'Stage names should be unique',
  buildkit: true,
  fileScoped: true,
  url: buildkitUrl('duplicate-stage-name'),
};

export function check({ model }: RuleContext): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    if (!stage.name || !stage.nameWord) continue;
    if (seen.has(stage.name)) {
      findings.push(report(info, model.range(stage.from, stage.nameWord), `Duplicate stage name ${JSON.stringify(stage.name)}, stage names should be unique`));
    }
    seen.add(stage.name);
  }
  return findings;
}
