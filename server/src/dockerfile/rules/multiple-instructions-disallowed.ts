import { analyze } from '../analysis';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const multipleInstructionsDisallowedRule: DockerfileRule = {
  id: 'MultipleInstructionsDisallowed',
  severity: 'warning',
  doc: 'Multiple instructions of the same type should not be used in the same stage',
  buildkit: true,
  url: buildkitUrl('multiple-instructions-disallowed'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  // Like BuildKit, the earlier instruction is reported: it is the one that has no effect.
  analyze(model).overridden.forEach(({ previous, current }) => {
    const whole = model.range(previous);
    const deletion = { start: whole.start, end: { line: previous.endLine + 1, character: 0 } };
    report(model.range(previous, previous.keywordSpan), `Multiple ${current.keyword} instructions should not be used in the same stage because only the last one will be used`, {
      // BuildKit applies the `# check=` comments of the later instruction (it runs the check there).
      directiveLine: current.fromTrigger ? -1 : current.startLine,
      ...(previous.fromTrigger ? {} : { title: `Remove this ${previous.keyword.toUpperCase()}`, edits: [{ range: deletion, newText: '' }] }),
    });
  });
}
