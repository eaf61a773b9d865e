import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../model';

/** The stage `--from=name` means: BuildKit keeps the last stage of each (lower-cased) name. */
export function stageByFromName(model: DockerfileModel, name: string): Stage | undefined {
  const lower = name.toLowerCase();
  if (/^\d+$/.test(name)) return model.stages[Number(name)];
  for (let k = model.stages.length - 1; k >= 0; k--) if (model.stages[k].name === lower) return model.stages[k];
  return undefined;
}

/** Places that name a stage: `FROM stage`, `COPY --from=stage`, `RUN --mount=…,from=stage`. */
export function stageReferences(model: DockerfileModel, stage: Stage): Range[] {
  if (!stage.name) return [];
  const ranges: Range[] = [];
  for (const other of model.stages) {
    if (other.base && other.parent === stage && !other.base.value.includes('$')) ranges.push(model.range(other.from, other.base));
    for (const ins of other.instructions) {
      for (const flag of ins.flags) {
        if (ins.name === 'copy' && flag.name === 'from' && !/^\d+$/.test(flag.value) && stageByFromName(model, flag.value) === stage) {
          ranges.push(model.range(ins, { start: flag.valueStart, end: flag.end }));
        }
        if (ins.name === 'run' && flag.name === 'mount') {
          const m = /(?:^|,)from=([^,]+)/.exec(flag.value);
          if (m && stageByFromName(model, m[1]) === stage) {
            const at = ins.joined.indexOf('from=' + m[1], flag.valueStart) + 5;
            ranges.push(model.range(ins, { start: at, end: at + m[1].length }));
          }
        }
      }
    }
  }
  return ranges;
}
