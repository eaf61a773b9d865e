import type { Finding } from '../../core/diagnostics';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'MaintainerDeprecated',
  severity: 'warning',
  doc: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
  buildkit: true,
  url: buildkitUrl('maintainer-deprecated'),
};

export function check({ model }: RuleContext): Finding[] {
  return model.ast.instructions
    .filter((ins) => ins.name === 'maintainer')
    .map((ins) => {
      const range = model.range(ins, { start: ins.keywordSpan.start, end: Math.max(ins.argsSpan.end, ins.keywordSpan.end) });
      const label = ins.keyword === ins.keyword.toLowerCase() ? 'label' : 'LABEL';
      const author = ins.argsText.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      return report(info, model.range(ins, ins.keywordSpan), 'Maintainer instruction is deprecated in favor of using label', {
        title: 'Replace with LABEL org.opencontainers.image.authors',
        edits: [{ range, newText: `${label} org.opencontainers.image.authors="${author}"` }],
      });
    });
}
