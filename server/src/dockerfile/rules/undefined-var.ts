import type { Finding } from '../../core/diagnostics';
import { analyze } from '../analysis';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'UndefinedVar',
  severity: 'warning',
  doc: 'Variables should be defined before their use',
  buildkit: true,
  dispatch: true,
  url: buildkitUrl('undefined-var'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const use of analyze(model).uses) {
    if (!use.undefined || use.inFrom) continue;
    const range = use.doc
      ? { start: model.positionAt(use.doc.span.start), end: model.positionAt(use.doc.span.end) }
      : model.range(use.instruction, use.span);
    const message = `Usage of undefined variable '$${use.name}'` + (use.suggestion ? ` (did you mean $${use.suggestion}?)` : '');
    const nameRange = use.doc
      ? { start: model.positionAt(use.doc.nameSpan.start), end: model.positionAt(use.doc.nameSpan.end) }
      : model.range(use.instruction, use.nameSpan);
    findings.push(report(info, range, message, use.suggestion && !use.instruction.fromTrigger ? { title: `Change to $${use.suggestion}`, edits: [{ range: nameRange, newText: use.suggestion }] } : undefined));
  }
  return findings;
}
