import { rangeOfNode } from '../model';
import type { EcsRule } from '../rule';
import { pathName } from '../walk';

const compiled = new Map<string, RegExp>();

/**
 * The model's patterns (ECMA-262 with Unicode classes) are matched against the whole value: as written they
 * are not anchored, and `([\p{L}…]*)` would then match anything, while the service documents them as the
 * characters a tag may hold. They come from the model, never from the file.
 */
function patternOf(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(source, re);
  }
  return re;
}

export const patternMismatchRule: EcsRule = {
  id: 'EcsPatternMismatch',
  severity: 'error',
  doc: "A string that does not match the model's pattern for it (tag keys and values); the service refuses it.",
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const visit of model.visits) {
      const { node, shape, typeOk } = visit;
      if (!typeOk || !shape.pattern || node.type !== 'string' || patternOf(shape.pattern).test(node.value)) continue;
      report(rangeOfNode(def, node), `${pathName(visit.path)} does not match the pattern ${shape.pattern}.`);
    }
  },
};
