import { finalImageStages } from '../model';
import { aptInstall, noRecommendsFlag, recommendsOff } from '../support/apt';
import { runCommands } from '../support/shell';
import type { DockerfileRule, RuleContext } from '../rule';

export const aptGetNoInstallRecommendsRule: DockerfileRule = {
  id: 'AptGetNoInstallRecommends',
  severity: 'warning',
  doc: 'apt-get, apt or aptitude install in the final image without turning recommends off pulls in packages it does not need',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  // Only stages whose layers are the image: what a build stage installs is left behind with it.
  const image = new Set(finalImageStages(model).flatMap((s) => s.instructions));
  for (const { instruction, command } of runCommands(model)) {
    if (!image.has(instruction)) continue;
    const apt = aptInstall(command);
    if (!apt || recommendsOff(apt)) continue;
    const range = model.range(instruction, apt.install);
    const flag = noRecommendsFlag(apt.tool);
    report(range, `${apt.tool} install without ${flag}`, { title: `Add ${flag}`, edits: [{ range: { start: range.end, end: range.end }, newText: ` ${flag}` }] });
  }
}
