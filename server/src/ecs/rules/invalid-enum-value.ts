import { closest } from '../../core/suggest';
import { rangeOfNode } from '../model';
import type { EcsRule } from '../rule';
import { pathName } from '../walk';

/** botocore sends any string; the service refuses a value outside the model's enum. */
export const invalidEnumValueRule: EcsRule = {
  id: 'EcsInvalidEnumValue',
  severity: 'error',
  doc: 'A value outside the members the model lists for it (networkMode, requiresCompatibilities, logDriver, condition, protocol, …); the service refuses it.',
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const visit of model.visits) {
      const { node, shape, typeOk } = visit;
      if (!typeOk || !shape.enum || shape.enum.includes(node.value)) continue;
      const guess = closest(String(node.value), shape.enum) ?? shape.enum.find((value) => value.toLowerCase() === String(node.value).toLowerCase());
      report(rangeOfNode(def, node), `${pathName(visit.path)} is "${node.value}"; it must be one of ${shape.enum.map((v) => `"${v}"`).join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}`);
    }
  },
};
