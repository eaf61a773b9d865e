import { analyze } from '../analysis';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const undefinedVarRule: DockerfileRule = {
  id: 'UndefinedVar',
  severity: 'warning',
  doc: 'Variables should be defined before their use',
  buildkit: true,
  url: buildkitUrl('undefined-var'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const use of analyze(model).uses) {
    if (!use.undefined || use.inFrom) continue;
    const range = use.doc ? { start: model.positionAt(use.doc.span.start), end: model.positionAt(use.doc.span.end) } : model.range(use.instruction, use.span);
    const message = `Usage of undefined variable '$${use.name}'` + (use.suggestion ? ` (did you mean $${use.suggestion}?)` : '');
    const nameRange = use.doc ? { start: model.positionAt(use.doc.nameSpan.start), end: model.positionAt(use.doc.nameSpan.end) } : model.range(use.instruction, use.nameSpan);
    report(range, message, use.suggestion && !use.instruction.fromTrigger ? { title: `Change to $${use.suggestion}`, edits: [{ range: nameRange, newText: use.suggestion }] } : undefined);
  }
}
