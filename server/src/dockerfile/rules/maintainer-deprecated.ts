import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const maintainerDeprecatedRule: DockerfileRule = {
  id: 'MaintainerDeprecated',
  severity: 'warning',
  doc: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  buildkit: true,
  url: buildkitUrl('maintainer-deprecated'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  model.ast.instructions
    .filter((ins) => ins.name === 'maintainer')
    .forEach((ins) => {
      const range = model.range(ins, { start: ins.keywordSpan.start, end: Math.max(ins.argsSpan.end, ins.keywordSpan.end) });
      const label = ins.keyword === ins.keyword.toLowerCase() ? 'label' : 'LABEL';
      const author = ins.argsText.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      report(model.range(ins, ins.keywordSpan), 'Maintainer instruction is deprecated in favor of using label', {
        title: 'Replace with LABEL org.opencontainers.image.authors',
        edits: [{ range, newText: `${label} org.opencontainers.image.authors="${author}"` }],
      });
    });
}
