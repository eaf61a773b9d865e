import { parseImageReference } from '../support/reference';
import { stageNamed, stageReferences } from '../support/stage-references';
import { editDistance } from '../../core/suggest';
import type { DockerfileRule, RuleContext } from '../rule';

export const misspelledStageRule: DockerfileRule = {
  id: 'MisspelledStage',
  severity: 'warning',
  doc: 'COPY --from or RUN --mount from= names an image one typo away from an earlier stage: BuildKit pulls it from a registry instead',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { stage, instruction, value, span, implied } of stageReferences(model)) {
    // A tag, digest or registry path says an image is meant; a stage or an invalid name is UnknownStage's.
    if (implied || /[:/@$]/.test(value) || /^\d+$/.test(value) || stageNamed(model, value) || !parseImageReference(value)) continue;
    const match = nearestStage(
      value,
      model.stages.filter((s) => s.name && s.index < stage.index).map((s) => s.name!),
    );
    if (!match) continue;
    const range = model.range(instruction, span);
    report(range, `"${value}" is no stage, so BuildKit pulls it as the image docker.io/library/${value}: did you mean stage ${match}?`, { title: `Change to ${match}`, edits: [{ range, newText: match }] });
  }
}

/** A stage name at most two edits away, and closer than half the name's length (so `a` is not `b`). */
function nearestStage(value: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.ceil(value.length / 2));
  for (const name of names) {
    const d = editDistance(value.toLowerCase(), name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
