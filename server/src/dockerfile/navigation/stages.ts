import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../model';

/** Places that name a stage: `FROM stage`, `COPY --from=stage`, `RUN --mount=…,from=stage`. */
export function stageReferences(model: DockerfileModel, stage: Stage): Range[] {
  if (!stage.name) return [];
  const ranges: Range[] = [];
  for (const other of model.stages) {
    if (other.base && other.base.value.toLowerCase() === stage.name && other.index > stage.index) ranges.push(model.range(other.from, other.base));
    for (const ins of other.instructions) {
      for (const flag of ins.flags) {
        if (ins.name === 'copy' && flag.name === 'from' && flag.value.toLowerCase() === stage.name) {
          ranges.push(model.range(ins, { start: flag.valueStart, end: flag.end }));
        }
        if (ins.name === 'run' && flag.name === 'mount') {
          const m = /(?:^|,)from=([^,]+)/.exec(flag.value);
          if (m && m[1].toLowerCase() === stage.name) {
            const at = ins.joined.indexOf('from=' + m[1], flag.valueStart) + 5;
            ranges.push(model.range(ins, { start: at, end: at + m[1].length }));
          }
        }
      }
    }
  }
  return ranges;
}
