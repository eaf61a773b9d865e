import { rangeOfNode } from '../model';
import type { EcsRule } from '../rule';
import { pathName } from '../walk';
import { measured } from './bounds';

/** botocore checks every `min` of the model before sending (ParamValidator's range_check). */
export const belowMinimumRule: EcsRule = {
  id: 'EcsBelowMinimum',
  severity: 'error',
  doc: "A number, string length or list length below the model's minimum; botocore refuses it before sending.",
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const visit of model.visits) {
      const min = visit.shape.min;
      const size = min === undefined ? undefined : measured(visit);
      if (min === undefined || !size || size.value >= min) continue;
      report(rangeOfNode(def, visit.node), `${pathName(visit.path)} ${size.what(size.value)}; the minimum is ${min}.`);
    }
  },
};
