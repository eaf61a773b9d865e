import { suggest } from '../analysis';
import { parseImageReference } from '../support/reference';
import { stageNamed, stageReferences } from '../support/stage-references';
import type { DockerfileRule, RuleContext } from '../rule';

export const unknownStageRule: DockerfileRule = {
  id: 'UnknownStage',
  severity: 'error',
  doc: 'COPY --from or RUN --mount from= names neither an earlier stage nor a valid image reference, or a stage defined later',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { stage, instruction: ins, value, span, weak } of stageReferences(model)) {
    if (value.includes('$')) {
      if (ins.name === 'copy') report(model.range(ins, span), 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
      continue;
    }
    if (/^\d+$/.test(value)) {
      if (Number(value) >= model.stages.length) report(model.range(ins, span), `invalid stage index ${value}`);
      else if (Number(value) >= stage.index) report(model.range(ins, span), `cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage`);
      continue;
    }
    // BuildKit's stage table keeps the last stage of a name; it may be this very stage.
    const target = stageNamed(model, value);
    if (target && dependsOn(target, stage)) {
      report(model.range(ins, span), `circular dependency detected on stage: ${stage.name}`);
      continue;
    }
    if (target) {
      if (target.index >= stage.index && !weak) report(model.range(ins, span), `cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage ${JSON.stringify(stage.name ?? `stage-${stage.index}`)}`);
      continue;
    }
    if (parseImageReference(value)) continue;
    const names = model.stages.filter((s) => s.name && s.index < stage.index).map((s) => s.name!);
    const match = suggest(value, names);
    const range = model.range(ins, span);
    report(
      range,
      `${JSON.stringify(value)} is neither a stage defined before this one nor a valid image reference` + (match ? ` (did you mean ${match}?)` : ''),
      match ? { title: `Change to ${match}`, edits: [{ range, newText: match }] } : undefined,
    );
  }
}

/** Whether `stage` is `target` or one of its bases: a --from on it would be a cycle. */
function dependsOn(target: { parent?: unknown; index: number }, stage: { index: number }): boolean {
  for (let s: { parent?: unknown; index: number } | undefined = target; s; s = s.parent as typeof s) if (s.index === stage.index) return true;
  return false;
}
