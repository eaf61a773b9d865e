import type { Finding } from '../../core/diagnostics';
import { report, type RuleContext, type RuleModule } from './rule';

export const info: RuleModule['info'] = {
  id: 'LastUserRoot',
  severity: 'warning',
  doc: 'The final stage switches to USER root last: the container runs as root',
};

export function check({ model }: RuleContext): Finding[] {
  const last = model.stages[model.stages.length - 1];
  if (!last) return [];
  const users = last.instructions.filter((i) => i.name === 'user');
  const final = users[users.length - 1];
  if (!final) return [];
  const user = final.argsText.split(':')[0];
  if (user !== 'root' && user !== '0') return [];
  return [report(info, model.range(final, final.argsSpan), 'The last USER of the final stage is root: switch to an unprivileged user')];
}
