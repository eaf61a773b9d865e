import { dispatched, keyValues } from '../model';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const legacyKeyValueFormatRule: DockerfileRule = {
  id: 'LegacyKeyValueFormat',
  severity: 'warning',
  doc: 'Legacy key/value format with whitespace separator should not be used',
  buildkit: true,
  url: buildkitUrl('legacy-key-value-format'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const stage of model.stages) {
    for (const ins of dispatched(stage, model)) {
      if (ins.name !== 'env' && ins.name !== 'label') continue;
      const [kv] = keyValues(ins);
      if (!kv?.legacy) continue;
      const range = model.range(ins, ins.argsSpan);
      report(
        model.range(ins, ins.keywordSpan),
        `"${ins.keyword} key=value" should be used instead of legacy "${ins.keyword} key value" format`,
        ins.fromTrigger ? undefined : { title: 'Convert to key=value', edits: [{ range, newText: `${kv.key}=${quoteValue(kv.value)}` }] },
      );
    }
  }
}

/** The legacy value is the rest of the line; keep it one word. */
function quoteValue(value: string): string {
  if (!/\s/.test(value) || /^"[^"]*"$/.test(value) || /^'[^']*'$/.test(value)) return value;
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}
