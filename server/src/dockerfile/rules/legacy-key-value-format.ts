import type { Finding } from '../../core/diagnostics';
import { dispatched, keyValues } from '../model';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'LegacyKeyValueFormat',
  severity: 'warning',
  doc: 'Legacy key/value format with whitespace separator should not be used',
  buildkit: true,
  dispatch: true,
  url: buildkitUrl('legacy-key-value-format'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    for (const ins of dispatched(stage, model)) {
      if (ins.name !== 'env' && ins.name !== 'label') continue;
      const [kv] = keyValues(ins);
      if (!kv?.legacy) continue;
      const range = model.range(ins, ins.argsSpan);
      findings.push(report(info, model.range(ins, ins.keywordSpan),
        `"${ins.keyword} key=value" should be used instead of legacy "${ins.keyword} key value" format`,
        ins.fromTrigger ? undefined : { title: 'Convert to key=value', edits: [{ range, newText: `${kv.key}=${quoteValue(kv.value)}` }] }));
    }
  }
  return findings;
}

/** The legacy value is the rest of the line; keep it one word. */
function quoteValue(value: string): string {
  if (!/\s/.test(value) || /^"[^"]*"$/.test(value) || /^'[^']*'$/.test(value)) return value;
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}
