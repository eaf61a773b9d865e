import type { Finding } from '../../core/diagnostics';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'FromAsCasing',
  severity: 'warning',
  doc: "The 'as' keyword should match the case of the 'from' keyword",
  buildkit: true,
  url: buildkitUrl('from-as-casing'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    const { from } = stage;
    if (from.args.length < 3) continue;
    const as = from.args[1];
    const lower = from.keyword === from.keyword.toLowerCase();
    const upper = from.keyword === from.keyword.toUpperCase();
    if (!lower && !upper) continue;
    const wanted = lower ? as.value.toLowerCase() : as.value.toUpperCase();
    if (wanted === as.value) continue;
    const range = model.range(from, as);
    findings.push(report(info, range, `'${as.value}' and '${from.keyword}' keywords' casing do not match`,
      { title: `Change to ${wanted}`, edits: [{ range, newText: wanted }] }));
  }
  return findings;
}
