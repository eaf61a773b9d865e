import type { Finding } from '../../core/diagnostics';
import { report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'NoBuildStage',
  severity: 'error',
  doc: 'An instruction other than ARG before the first FROM, or a Dockerfile without FROM',
};

export function check({ model, file }: RuleContext): Finding[] {
  const findings = model.orphans.map((ins) => report(info, model.range(ins, ins.keywordSpan), 'no build stage in current context: add a FROM before this instruction'));
  if (!model.stages.length && model.ast.instructions.length && !model.orphans.length) {
    const first = model.ast.instructions[0];
    findings.push(report(info, model.range(first, first.keywordSpan), 'dockerfile contains no stages to build'));
  }
  if (!model.ast.instructions.length && file.text.trim()) {
    findings.push(report(info, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'file with no instructions'));
  }
  return findings;
}
