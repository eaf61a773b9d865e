import type { Finding } from '../../core/diagnostics';
import { suggest } from '../analysis';
import { parseImageReference } from '../support/reference';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'UnknownStage',
  severity: 'error',
  doc: 'COPY --from or RUN --mount from= names neither an earlier stage nor a valid image reference, or a stage defined later',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      /** `weak`: a mount without from= that is not a cache mount only depends on "scratch" for cycles. */
      const values: Array<{ value: string; span: { start: number; end: number }; weak?: boolean }> = [];
      for (const flag of ins.flags) {
        if (ins.name === 'copy' && flag.name === 'from' && flag.hasValue) values.push({ value: flag.value, span: { start: flag.valueStart, end: flag.end } });
        if (ins.name === 'run' && flag.name === 'mount') {
          const m = /(?:^|,)from=([^,]+)/.exec(flag.value);
          if (m) {
            const at = ins.joined.indexOf('from=' + m[1], flag.valueStart) + 5;
            values.push({ value: m[1], span: { start: at, end: at + m[1].length } });
          } else if (model.stages.some((s) => s.name === 'scratch')) {
            // A mount without from= depends on "scratch" (BuildKit's detectRunMount): a stage of that name.
            // Cache mounts also mount it; other types only take part in the cycle check.
            const cache = /(?:^|,)type=cache(?:,|$)/.test(flag.value);
            values.push({ value: 'scratch', span: { start: flag.start, end: flag.end }, weak: !cache });
          }
        }
      }
      for (const { value, span, weak } of values) {
        if (value.includes('$')) {
          if (ins.name === 'copy') findings.push(report(info, model.range(ins, span), 'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround'));
          continue;
        }
        const name = value.toLowerCase();
        if (/^\d+$/.test(value)) {
          if (Number(value) >= model.stages.length) findings.push(report(info, model.range(ins, span), `invalid stage index ${value}`));
          else if (Number(value) >= stage.index) findings.push(report(info, model.range(ins, span), `cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage`));
          continue;
        }
        // BuildKit's stage table keeps the last stage of a name; it may be this very stage.
        const target = [...model.stages].reverse().find((s) => s.name === name);
        if (target && dependsOn(target, stage)) {
          findings.push(report(info, model.range(ins, span), `circular dependency detected on stage: ${stage.name}`));
          continue;
        }
        if (target) {
          if (target.index >= stage.index && !weak) findings.push(report(info, model.range(ins, span), `cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage ${JSON.stringify(stage.name ?? `stage-${stage.index}`)}`));
          continue;
        }
        if (parseImageReference(value)) continue;
        const names = model.stages.filter((s) => s.name && s.index < stage.index).map((s) => s.name!);
        const match = suggest(value, names);
        const range = model.range(ins, span);
        findings.push(report(info, range, `${JSON.stringify(value)} is neither a stage defined before this one nor a valid image reference` + (match ? ` (did you mean ${match}?)` : ''),
          match ? { title: `Change to ${match}`, edits: [{ range, newText: match }] } : undefined));
      }
    }
  }
  return findings;
}

/** Whether `stage` is `target` or one of its bases: a --from on it would be a cycle. */
function dependsOn(target: { parent?: unknown; index: number }, stage: { index: number }): boolean {
  for (let s: { parent?: unknown; index: number } | undefined = target; s; s = s.parent as typeof s) if (s.index === stage.index) return true;
  return false;
}
