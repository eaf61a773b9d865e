import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

// swarmkit manager/constraint/constraint.go Parse: "KEY == VALUE" or "KEY != VALUE".
const KEY = /^[a-z_][a-z0-9\-_.]+$/i;
const VALUE = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

/** The error swarmkit's constraint.Parse gives for one constraint, or undefined when it parses. */
export function constraintError(expression: string): string | undefined {
  for (const operator of ['==', '!=']) {
    const at = expression.indexOf(operator);
    if (at < 0) continue;
    const key = expression.slice(0, at).trim();
    const value = expression.slice(at + operator.length).trim();
    if (!KEY.test(key)) return `key '${key}' is invalid (use node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.NAME or engine.labels.NAME)`;
    if (!VALUE.test(value)) return `value '${value}' is invalid`;
    return undefined;
  }
  return 'constraint expected one operator from ==, != (e.g. "node.role == manager")';
}

/** Placement constraints the swarm manager cannot parse (it checks them when the service is created). */
export const stackPlacementRule: ComposeRule = {
  id: 'StackPlacement',
  severity: 'error',
  doc: 'A deploy.placement constraint the swarm manager cannot parse: it must be KEY == VALUE or KEY != VALUE.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const placement = isJsonMap(def.deploy) ? def.deploy.placement : undefined;
      if (!isJsonMap(placement)) continue;
      if (Array.isArray(placement.constraints))
        placement.constraints.forEach((constraint, index) => {
          if (typeof constraint !== 'string') return;
          const error = constraintError(constraint);
          if (error) report(rangeAt(compose, ['services', name, 'deploy', 'placement', 'constraints', index]), `Placement constraint "${constraint}": ${error} (swarm manager).`);
        });
    }
  },
};
