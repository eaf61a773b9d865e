import { analyze } from '../analysis';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const redundantTargetPlatformRule: DockerfileRule = {
  id: 'RedundantTargetPlatform',
  severity: 'warning',
  doc: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
  buildkit: true,
  url: buildkitUrl('redundant-target-platform'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const { stage, result, matched, unmatched, targetPlatform } of analyze(model).platformChecks) {
    // BuildKit: only $TARGETPLATFORM was substituted and the result is exactly its value.
    if (matched.length !== 1 || unmatched.length || matched[0] !== 'TARGETPLATFORM' || result === null || result !== targetPlatform) continue;
    const flag = stage.platform!;
    const range = model.range(stage.from, flag);
    let end = flag.end;
    while (end < stage.from.joined.length && /\s/.test(stage.from.joined[end])) end++;
    report(range, `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior`, { title: 'Remove --platform', edits: [{ range: model.range(stage.from, { start: flag.start, end }), newText: '' }] });
  }
}
