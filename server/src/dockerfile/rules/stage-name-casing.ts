import type { Finding } from '../../core/diagnostics';
import { stageReferences } from '../navigation/stages';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'StageNameCasing',
  severity: 'warning',
  doc: 'Stage names should be lowercase',
  buildkit: true,
  url: buildkitUrl('stage-name-casing'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    const { from } = stage;
    if (from.args.length !== 3) continue;
    const name = from.args[2];
    if (name.value === name.value.toLowerCase()) continue;
    const range = model.range(from, name);
    const lower = name.value.toLowerCase();
    const edits = [{ range, newText: lower }, ...stageReferences(model, stage).map((r) => ({ range: r, newText: lower }))];
    findings.push(report(info, range, `Stage name '${name.value}' should be lowercase`, { title: `Rename stage to ${lower}`, edits }));
  }
  return findings;
}
