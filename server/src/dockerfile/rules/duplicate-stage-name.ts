import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const duplicateStageNameRule: DockerfileRule = {
  id: 'DuplicateStageName',
  severity: 'warning',
  doc: 'Stage names should be unique',
  buildkit: true,
  url: buildkitUrl('duplicate-stage-name'),
  appliesTo: 'file',
  check,
};

function check({ model, report }: RuleContext): void {
  const seen = new Set<string>();
  for (const stage of model.stages) {
    if (!stage.name || !stage.nameWord) continue;
    if (seen.has(stage.name)) {
      report(model.range(stage.from, stage.nameWord), `Duplicate stage name ${JSON.stringify(stage.name)}, stage names should be unique`);
    }
    seen.add(stage.name);
  }
}
