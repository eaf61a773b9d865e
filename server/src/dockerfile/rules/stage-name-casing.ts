import { stageReferences } from '../navigation/stages';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const stageNameCasingRule: DockerfileRule = {
  id: 'StageNameCasing',
  severity: 'warning',
  doc: 'Stage names should be lowercase',
  buildkit: true,
  url: buildkitUrl('stage-name-casing'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const stage of model.stages) {
    const { from } = stage;
    if (from.args.length !== 3) continue;
    const name = from.args[2];
    if (name.value === name.value.toLowerCase()) continue;
    const range = model.range(from, name);
    const lower = name.value.toLowerCase();
    const edits = [{ range, newText: lower }, ...stageReferences(model, stage).map((r) => ({ range: r, newText: lower }))];
    report(range, `Stage name '${name.value}' should be lowercase`, { title: `Rename stage to ${lower}`, edits });
  }
}
