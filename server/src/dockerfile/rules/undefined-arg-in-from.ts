import { analyze } from '../analysis';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const undefinedArgInFromRule: DockerfileRule = {
  id: 'UndefinedArgInFrom',
  severity: 'warning',
  doc: 'FROM command must use declared ARGs',
  buildkit: true,
  url: buildkitUrl('undefined-arg-in-from'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const use of analyze(model).uses) {
    if (!use.undefined || !use.inFrom) continue;
    const message = `FROM argument '${use.name}' is not declared` + (use.suggestion ? ` (did you mean ${use.suggestion}?)` : '');
    report(model.range(use.instruction, use.span), message, use.suggestion ? { title: `Change to ${use.suggestion}`, edits: [{ range: model.range(use.instruction, use.nameSpan), newText: use.suggestion }] } : undefined);
  }
}
