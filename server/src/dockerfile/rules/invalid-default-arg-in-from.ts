import { analyze } from '../analysis';
import { parseImageReference } from '../support/reference';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const invalidDefaultArgInFromRule: DockerfileRule = {
  id: 'InvalidDefaultArgInFrom',
  severity: 'warning',
  doc: 'Default value for global ARG results in an empty or invalid base image name',
  buildkit: true,
  url: buildkitUrl('invalid-default-arg-in-from'),
  appliesTo: 'file',
  check,
};

function check({ model, report }: RuleContext): void {
  const { baseNames } = analyze(model);
  for (const stage of model.stages) {
    if (!stage.base) continue;
    // BuildKit checks every base name, with or without variables.
    const resolved = baseNames.get(stage);
    if (resolved === null || resolved === undefined) continue;
    if (parseImageReference(resolved)) continue;
    report(model.range(stage.from, stage.base), `Default value for ARG ${stage.base.value} results in empty or invalid base image name`);
  }
}
