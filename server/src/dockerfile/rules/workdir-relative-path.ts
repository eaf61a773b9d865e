import type { Finding } from '../../core/diagnostics';
import { analyze } from '../analysis';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'WorkdirRelativePath',
  severity: 'warning',
  doc: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  buildkit: true,
  dispatch: true,
  url: buildkitUrl('workdir-relative-path'),
};

export function check({ model }: RuleContext): Finding[] {
  return analyze(model).relativeWorkdirs.map(({ instruction, path }) => {
    const range = model.range(instruction, instruction.argsSpan);
    const raw = instruction.argsText;
    return report(info, range, `Relative workdir ${JSON.stringify(path)} can have unexpected results if the base image changes`,
      raw.startsWith('$') || instruction.fromTrigger ? undefined : { title: `Change to /${raw.replace(/^\.\/?/, '')}`, edits: [{ range, newText: '/' + raw.replace(/^\.\/?/, '') }] });
  });
}
