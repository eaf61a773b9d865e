import type { KubeRule } from './context';
import { isRecord } from '../model/documents';

/** HorizontalPodAutoscaler: replicas bounds and a complete scaleTargetRef. */
export const autoscalerRule: KubeRule = {
  id: 'KubeAutoscaler',
  severity: 'error',
  doc: 'HorizontalPodAutoscaler: minReplicas < 1, maxReplicas < minReplicas, scaleTargetRef without kind or name.',
  check(ctx) {
    if (ctx.kind !== 'HorizontalPodAutoscaler' || !isRecord(ctx.value.spec)) return;
    const spec = ctx.value.spec;
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) ctx.report(['spec', 'minReplicas'], `spec.minReplicas: Invalid value: ${spec.minReplicas}: must be greater than or equal to 1`);
    if (typeof spec.maxReplicas === 'number') {
      if (spec.maxReplicas < 1) ctx.report(['spec', 'maxReplicas'], `spec.maxReplicas: Invalid value: ${spec.maxReplicas}: must be greater than 0`);
      else if (spec.maxReplicas < min) ctx.report(['spec', 'maxReplicas'], `spec.maxReplicas: Invalid value: ${spec.maxReplicas}: must be greater than or equal to \`minReplicas\``);
    }
    const ref = spec.scaleTargetRef;
    if (isRecord(ref)) {
      for (const field of ['kind', 'name']) {
        if (typeof ref[field] !== 'string' || !ref[field]) ctx.report(['spec', 'scaleTargetRef'], `spec.scaleTargetRef.${field}: Required value`, { part: 'key' });
      }
    }
  },
};
