/** Where instructions name another stage (or an image) to read from: COPY --from and RUN --mount from=. */
import type { DockerfileModel, Stage } from '../model';
import type { Instruction, Span } from '../syntax/parse';

export interface StageReference {
  stage: Stage;
  instruction: Instruction;
  /** The name, index or image as written. */
  value: string;
  /** Joined-line span of the value (of the whole flag for an implied `scratch`). */
  span: Span;
  /** A mount without from= that is not a cache mount: it only takes part in BuildKit's cycle check. */
  weak?: boolean;
  /** Not written: a mount without from= depends on a stage named "scratch" (BuildKit's detectRunMount). */
  implied?: boolean;
}

const cache = new WeakMap<DockerfileModel, StageReference[]>();

export function stageReferences(model: DockerfileModel): StageReference[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const out: StageReference[] = [];
  const hasScratchStage = model.stages.some((s) => s.name === 'scratch');
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      for (const flag of instruction.flags) {
        if (instruction.name === 'copy' && flag.name === 'from' && flag.hasValue) {
          out.push({ stage, instruction, value: flag.value, span: { start: flag.valueStart, end: flag.end } });
        }
        if (instruction.name !== 'run' || flag.name !== 'mount') continue;
        const m = /(?:^|,)from=([^,]+)/.exec(flag.value);
        if (m) {
          const at = instruction.joined.indexOf('from=' + m[1], flag.valueStart) + 5;
          out.push({ stage, instruction, value: m[1], span: { start: at, end: at + m[1].length } });
        } else if (hasScratchStage) {
          // Cache mounts also mount it; other types only take part in the cycle check.
          const weak = !/(?:^|,)type=cache(?:,|$)/.test(flag.value);
          out.push({ stage, instruction, value: 'scratch', span: { start: flag.start, end: flag.end }, weak, implied: true });
        }
      }
    }
  }
  cache.set(model, out);
  return out;
}

/** The stage a --from name or index selects: the last stage of that name (BuildKit's stage table). */
export function stageNamed(model: DockerfileModel, value: string): Stage | undefined {
  if (/^\d+$/.test(value)) return model.stages[Number(value)];
  const name = value.toLowerCase();
  for (let k = model.stages.length - 1; k >= 0; k--) if (model.stages[k].name === name) return model.stages[k];
  return undefined;
}
