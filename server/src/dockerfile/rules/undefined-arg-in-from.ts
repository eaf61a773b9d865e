import type { Finding } from '../../core/diagnostics';
import { analyze } from '../analysis';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'UndefinedArgInFrom',
  severity: 'warning',
  doc: 'FROM command must use declared ARGs',
  buildkit: true,
  url: buildkitUrl('undefined-arg-in-from'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const use of analyze(model).uses) {
    if (!use.undefined || !use.inFrom) continue;
    const message = `FROM argument '${use.name}' is not declared` + (use.suggestion ? ` (did you mean ${use.suggestion}?)` : '');
    findings.push(report(info, model.range(use.instruction, use.span), message,
      use.suggestion ? { title: `Change to ${use.suggestion}`, edits: [{ range: model.range(use.instruction, use.nameSpan), newText: use.suggestion }] } : undefined));
  }
  return findings;
}
