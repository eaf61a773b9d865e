import { rangeOfNode } from '../model';
import type { EcsRule } from '../rule';
import { pathName } from '../walk';
import { measured } from './bounds';

/** botocore leaves maxima to the service, which refuses the request. */
export const aboveMaximumRule: EcsRule = {
  id: 'EcsAboveMaximum',
  severity: 'error',
  doc: "A number, string length or list length above the model's maximum (50 tags, 128-character tag keys, …); the service refuses it.",
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const visit of model.visits) {
      const max = visit.shape.max;
      const size = max === undefined ? undefined : measured(visit);
      if (max === undefined || !size || size.value <= max) continue;
      report(rangeOfNode(def, visit.node), `${pathName(visit.path)} ${size.what(size.value)}; the maximum is ${max}.`);
    }
  },
};
