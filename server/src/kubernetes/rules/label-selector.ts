import type { KubeRule, KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { qualifiedName } from '../validation/names';
import { asArray, getPath } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';

function checkExpressions(ctx: KubeRuleContext, path: YamlPath, expressions: unknown, nodeOperators: boolean): void {
  asArray(expressions).forEach((expression, i) => {
    if (!isRecord(expression)) return;
    const at = [...path, i];
    const values = asArray(expression.values);
    const op = expression.operator;
    if ((op === 'In' || op === 'NotIn') && values.length === 0) ctx.report(at, `${path.join('.')}[${i}].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`);
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) ctx.report([...at, 'values'], `${path.join('.')}[${i}].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`, { part: 'key' });
    if (nodeOperators && (op === 'Gt' || op === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(String(values[0]))))
      ctx.report(at, `${path.join('.')}[${i}].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`);
    if (typeof expression.key === 'string') {
      const problem = qualifiedName(expression.key);
      if (problem) ctx.report([...at, 'key'], `${path.join('.')}[${i}].key: Invalid value: "${expression.key}": ${problem}`);
    }
  });
}

/** Label selector expressions: values required for In/NotIn, forbidden for Exists/DoesNotExist; keys qualified names. */
export const labelSelectorRule: KubeRule = {
  id: 'KubeLabelSelector',
  severity: 'error',
  doc: 'Selector expressions with values for Exists/DoesNotExist, none for In/NotIn, or invalid keys.',
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    if (ctx.kind !== 'Service' && ctx.kind !== 'ReplicationController') checkExpressions(ctx, ['spec', 'selector', 'matchExpressions'], getPath(ctx.value, ['spec', 'selector', 'matchExpressions']), false);
    if (ctx.kind === 'NetworkPolicy') checkExpressions(ctx, ['spec', 'podSelector', 'matchExpressions'], getPath(ctx.value, ['spec', 'podSelector', 'matchExpressions']), false);
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    const terms = getPath(pod.spec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']);
    asArray(terms).forEach((term, i) => {
      if (isRecord(term)) checkExpressions(ctx, [...pod.path, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', i, 'matchExpressions'], term.matchExpressions, true);
    });
  },
};
