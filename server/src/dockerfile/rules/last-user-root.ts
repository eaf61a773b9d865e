import { finalImageStages } from '../model';
import type { DockerfileRule, RuleContext } from '../rule';

export const lastUserRootRule: DockerfileRule = {
  id: 'LastUserRoot',
  severity: 'warning',
  doc: 'The final image runs as root: its last USER (in the final stage or a stage it is built FROM) is root',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  // The user in effect is the last USER of the final stage, else of the stage it is built FROM, and so on.
  const [last] = finalImageStages(model);
  for (const stage of finalImageStages(model)) {
    const users = stage.instructions.filter((i) => i.name === 'user');
    const final = users[users.length - 1];
    if (!final) continue;
    const user = final.argsText.split(':')[0];
    if (user !== 'root' && user !== '0') return;
    const inherited = stage === last ? '' : ` (inherited from stage ${stage.name ?? stage.index})`;
    report(model.range(final, final.argsSpan), `The last USER of the final image is root${inherited}: switch to an unprivileged user`);
    return;
  }
}
