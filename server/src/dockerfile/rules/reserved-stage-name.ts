import type { Finding } from '../../core/diagnostics';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'ReservedStageName',
  severity: 'warning',
  doc: 'Reserved words should not be used as stage names',
  buildkit: true,
  fileScoped: true,
  url: buildkitUrl('reserved-stage-name'),
};

const RESERVED = new Set(['context', 'scratch']);

export function check({ model }: RuleContext): Finding[] {
  return model.stages
    .filter((stage) => stage.name && stage.nameWord && RESERVED.has(stage.name))
    .map((stage) => report(info, model.range(stage.from, stage.nameWord), `Stage name should not use the same name as reserved stage ${JSON.stringify(stage.name)}`));
}
