import { analyze } from '../analysis';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const workdirRelativePathRule: DockerfileRule = {
  id: 'WorkdirRelativePath',
  severity: 'warning',
  doc: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
  buildkit: true,
  url: buildkitUrl('workdir-relative-path'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  analyze(model).relativeWorkdirs.forEach(({ instruction, path }) => {
    const range = model.range(instruction, instruction.argsSpan);
    const raw = instruction.argsText;
    report(
      range,
      `Relative workdir ${JSON.stringify(path)} can have unexpected results if the base image changes`,
      raw.startsWith('$') || instruction.fromTrigger ? undefined : { title: `Change to /${raw.replace(/^\.\/?/, '')}`, edits: [{ range, newText: '/' + raw.replace(/^\.\/?/, '') }] },
    );
  });
}
