import { rangeOfNode } from '../model';
import type { EcsRule } from '../rule';
import { jsonTypeOf } from '../schema';
import { pathName } from '../walk';

const ARTICLE: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null' };

export const invalidTypeRule: EcsRule = {
  id: 'EcsInvalidType',
  severity: 'error',
  doc: 'A value of the wrong JSON type for its member (a number where the model takes a string, as task cpu and memory are, or null).',
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const visit of model.visits) {
      if (visit.typeOk) continue;
      const expected = jsonTypeOf(visit.shape);
      const hint = expected === 'string' && (visit.actual === 'integer' || visit.actual === 'number') ? ` Quote it: "${visit.node.value}".` : '';
      report(rangeOfNode(def, visit.node), `${pathName(visit.path)} must be ${ARTICLE[expected]}, not ${ARTICLE[visit.actual] ?? visit.actual}.${hint}`);
    }
  },
};
