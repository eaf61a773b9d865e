import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const fromAsCasingRule: DockerfileRule = {
  id: 'FromAsCasing',
  severity: 'warning',
  doc: "The 'as' keyword should match the case of the 'from' keyword",
  buildkit: true,
  url: buildkitUrl('from-as-casing'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
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
    report(range, `'${as.value}' and '${from.keyword}' keywords' casing do not match`, { title: `Change to ${wanted}`, edits: [{ range, newText: wanted }] });
  }
}
