import type { Finding } from '../../core/diagnostics';
import { analyze } from '../analysis';
import { parsePlatform } from '../support/platform';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'FromPlatformFlagConstDisallowed',
  severity: 'warning',
  doc: 'FROM --platform flag should not use a constant value',
  buildkit: true,
  url: buildkitUrl('from-platform-flag-const-disallowed'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { stage, result, matched, unmatched } of analyze(model).platformChecks) {
    if (matched.length || unmatched.length || result === null) continue;
    const platform = parsePlatform(result);
    if (!platform) continue;
    const name = stage.name ?? '';
    if (name.includes(platform.os) || name.includes(platform.architecture)) continue;
    findings.push(report(info, model.range(stage.from, stage.platform!), `FROM --platform flag should not use constant value ${JSON.stringify(result)}`));
  }
  return findings;
}
