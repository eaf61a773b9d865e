import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';

/** HorizontalPodAutoscaler: replicas bounds and a complete scaleTargetRef. */
export const autoscalerRule: KubeRule = {
  id: 'KubeAutoscaler',
  severity: 'error',
  doc: 'HorizontalPodAutoscaler: minReplicas < 1, maxReplicas < minReplicas, scaleTargetRef without kind or name.',
  appliesTo: { objects: 'built-in', kinds: ['HorizontalPodAutoscaler'] },
  check(ctx) {
    if (!isRecord(ctx.value.spec)) return;
    const spec = ctx.value.spec;
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) ctx.report(['spec', 'minReplicas'], `spec.minReplicas: Invalid value: ${spec.minReplicas}: must be greater than or equal to 1`);
    if (typeof spec.maxReplicas === 'number') {
      if (spec.maxReplicas < 1) ctx.report(['spec', 'maxReplicas'], `spec.maxReplicas: Invalid value: ${spec.maxReplicas}: must be greater than 0`);
      else if (spec.maxReplicas < min) ctx.report(['spec', 'maxReplicas'], `spec.maxReplicas: Invalid value: ${spec.maxReplicas}: must be greater than or equal to \`minReplicas\``);
    }
    const behavior = spec.behavior;
    if (isRecord(behavior)) {
      for (const direction of ['scaleUp', 'scaleDown'] as const) {
        const rules = behavior[direction];
        if (!isRecord(rules)) continue;
        const at = ['spec', 'behavior', direction];
        const window = rules.stabilizationWindowSeconds;
        if (typeof window === 'number' && (window < 0 || window > 3600)) ctx.report([...at, 'stabilizationWindowSeconds'], `${at.join('.')}.stabilizationWindowSeconds: Invalid value: ${window}: must be between 0 and 3600`);
        (Array.isArray(rules.policies) ? rules.policies : []).forEach((policy, i) => {
          if (!isRecord(policy)) return;
          if (typeof policy.value === 'number' && policy.value <= 0) ctx.report([...at, 'policies', i, 'value'], `policies[${i}].value: Invalid value: ${policy.value}: must be greater than zero`);
          if (typeof policy.periodSeconds === 'number' && (policy.periodSeconds <= 0 || policy.periodSeconds > 1800))
            ctx.report([...at, 'policies', i, 'periodSeconds'], `policies[${i}].periodSeconds: Invalid value: ${policy.periodSeconds}: must be greater than zero and less than or equal to 1800`);
        });
      }
    }
    const ref = spec.scaleTargetRef;
    if (isRecord(ref)) {
      for (const field of ['kind', 'name']) {
        if (typeof ref[field] !== 'string' || !ref[field]) ctx.report(['spec', 'scaleTargetRef'], `spec.scaleTargetRef.${field}: Required value`, { part: 'key' });
      }
    }
  },
};
