import { analyze } from '../analysis';
import { parseImageReference } from '../support/reference';
import type { DockerfileRule, RuleContext } from '../rule';

export const imageLatestTagRule: DockerfileRule = {
  id: 'ImageLatestTag',
  severity: 'warning',
  doc: 'Base image without a tag or digest, or tagged :latest: builds change when the image does',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  const { baseNames } = analyze(model);
  const names = new Set(model.stages.map((s) => s.name).filter(Boolean));
  for (const stage of model.stages) {
    if (!stage.base) continue;
    const raw = stage.base.value;
    const resolved = raw.includes('$') ? baseNames.get(stage) : raw;
    if (!resolved || resolved === 'scratch' || stage.parent || names.has(resolved)) continue;
    const ref = parseImageReference(resolved);
    if (!ref || ref.digest) continue;
    if (ref.tag && ref.tag !== 'latest') continue;
    const range = model.range(stage.from, stage.base);
    report(range, ref.tag ? `Image ${resolved} uses the :latest tag; pin a version` : `Image ${resolved} has no tag (it means :latest); pin a version`);
  }
}
