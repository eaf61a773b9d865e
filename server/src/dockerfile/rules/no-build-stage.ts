import type { DockerfileRule, RuleContext } from '../rule';

export const noBuildStageRule: DockerfileRule = {
  id: 'NoBuildStage',
  severity: 'error',
  doc: 'An instruction other than ARG before the first FROM, or a Dockerfile without FROM',
  appliesTo: 'file',
  check,
};

function check({ model, file, report }: RuleContext): void {
  for (const ins of model.orphans) report(model.range(ins, ins.keywordSpan), 'no build stage in current context: add a FROM before this instruction');
  if (!model.stages.length && model.ast.instructions.length && !model.orphans.length) {
    const first = model.ast.instructions[0];
    report(model.range(first, first.keywordSpan), 'dockerfile contains no stages to build');
  }
  if (!model.ast.instructions.length && file.text.trim()) {
    report({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'file with no instructions');
  }
}
