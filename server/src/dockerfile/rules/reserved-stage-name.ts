import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const reservedStageNameRule: DockerfileRule = {
  id: 'ReservedStageName',
  severity: 'warning',
  doc: 'Reserved words should not be used as stage names',
  buildkit: true,
  url: buildkitUrl('reserved-stage-name'),
  appliesTo: 'file',
  check,
};

const RESERVED = new Set(['context', 'scratch']);

function check({ model, report }: RuleContext): void {
  model.stages
    .filter((stage) => stage.name && stage.nameWord && RESERVED.has(stage.name))
    .forEach((stage) => report(model.range(stage.from, stage.nameWord), `Stage name should not use the same name as reserved stage ${JSON.stringify(stage.name)}`));
}
