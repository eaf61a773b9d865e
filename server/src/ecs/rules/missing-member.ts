import { property, rangeOfNode } from '../model';
import type { EcsRule } from '../rule';
import { pathName } from '../walk';

export const missingMemberRule: EcsRule = {
  id: 'EcsMissingMember',
  severity: 'error',
  doc: 'A member the model requires is missing (family and containerDefinitions of the task, logDriver of a logConfiguration, …).',
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const visit of model.visits) {
      if (!visit.typeOk || !visit.shape.required) continue;
      const missing = visit.shape.required.filter((name) => !property(visit.node, name));
      if (!missing.length) continue;
      const names = missing.map((name) => `"${name}"`).join(', ');
      report(visit.key ? rangeOfNode(def, visit.key) : rangeOfNode(def, visit.node), `${pathName(visit.path)} must have ${names} (${visit.shapeName} requires ${missing.length > 1 ? 'them' : 'it'}).`);
    }
  },
};
