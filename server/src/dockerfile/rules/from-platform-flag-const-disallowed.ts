import { analyze } from '../analysis';
import { parsePlatform } from '../support/platform';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const fromPlatformFlagConstDisallowedRule: DockerfileRule = {
  id: 'FromPlatformFlagConstDisallowed',
  severity: 'warning',
  doc: 'FROM --platform flag should not use a constant value',
  buildkit: true,
  url: buildkitUrl('from-platform-flag-const-disallowed'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { stage, result, matched, unmatched } of analyze(model).platformChecks) {
    if (matched.length || unmatched.length || result === null) continue;
    const platform = parsePlatform(result);
    if (!platform) continue;
    const name = stage.name ?? '';
    if (name.includes(platform.os) || name.includes(platform.architecture)) continue;
    report(model.range(stage.from, stage.platform!), `FROM --platform flag should not use constant value ${JSON.stringify(result)}`);
  }
}
