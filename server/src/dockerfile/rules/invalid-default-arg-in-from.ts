import type { Finding } from '../../core/diagnostics';
import { analyze } from '../analysis';
import { parseImageReference } from '../support/reference';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'InvalidDefaultArgInFrom',
  severity: 'warning',
  doc: 'Default value for global ARG results in an empty or invalid base image name',
  buildkit: true,
  fileScoped: true,
  url: buildkitUrl('invalid-default-arg-in-from'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const { baseNames } = analyze(model);
  for (const stage of model.stages) {
    if (!stage.base) continue;
    // BuildKit checks every base name, with or without variables.
    const resolved = baseNames.get(stage);
    if (resolved === null || resolved === undefined) continue;
    if (parseImageReference(resolved)) continue;
    findings.push(report(info, model.range(stage.from, stage.base), `Default value for ARG ${stage.base.value} results in empty or invalid base image name`));
  }
  return findings;
}
