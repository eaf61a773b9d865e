import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { qualifiedName } from '../validation/names';
import { asArray } from '../validation/pod-spec';
import { quantityValue } from '../validation/quantity';
import { minorOf } from '../schema/store';

const HIGHEST_USER_PRIORITY = 1_000_000_000;

/** StorageClass provisioner, PriorityClass values, LimitRange ordering (min ≤ defaultRequest ≤ default ≤ max). */
export const clusterObjectsRule: KubeRule = {
  id: 'KubeClusterObjects',
  severity: 'error',
  doc: 'StorageClass without a valid provisioner, PriorityClass above the user-definable maximum, LimitRange with min/default/max out of order or defaults on Pod limits, CSIDriver update period below 10 s.',
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    if (ctx.kind === 'StorageClass') {
      const provisioner = ctx.value.provisioner;
      if (typeof provisioner !== 'string' || !provisioner) ctx.report(['kind'], 'provisioner: Required value');
      else {
        const problem = qualifiedName(provisioner.toLowerCase());
        if (problem) ctx.report(['provisioner'], `provisioner: Invalid value: "${provisioner}": ${problem}`);
      }
    }
    // MutableCSINodeAllocatableCount is on by default from 1.35 (older servers drop the field).
    const period = (ctx.value.spec as { nodeAllocatableUpdatePeriodSeconds?: unknown } | undefined)?.nodeAllocatableUpdatePeriodSeconds;
    if (ctx.kind === 'CSIDriver' && typeof period === 'number' && period < 10 && minorOf(ctx.version) >= 35) {
      ctx.report(['spec', 'nodeAllocatableUpdatePeriodSeconds'], `spec.nodeAllocatableUpdatePeriodSeconds: Invalid value: ${period}: must be greater than or equal to 10 seconds`);
    }
    if (ctx.kind === 'PriorityClass') {
      const name = typeof (ctx.value.metadata as { name?: unknown } | undefined)?.name === 'string' ? String((ctx.value.metadata as { name: string }).name) : '';
      if (typeof ctx.value.value === 'number' && ctx.value.value > HIGHEST_USER_PRIORITY && !name.startsWith('system-')) {
        ctx.report(['value'], `value: Forbidden: maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`);
      }
    }
    if (ctx.kind === 'LimitRange' && isRecord(ctx.value.spec)) {
      const types = new Set<string>();
      asArray(ctx.value.spec.limits).forEach((limit, i) => {
        if (!isRecord(limit)) return;
        const at = ['spec', 'limits', i];
        if (typeof limit.type === 'string') {
          if (types.has(limit.type)) ctx.report([...at, 'type'], `spec.limits[${i}].type: Duplicate value: "${limit.type}"`);
          types.add(limit.type);
        }
        if (limit.type === 'Pod') {
          for (const field of ['default', 'defaultRequest']) if (limit[field] !== undefined) ctx.report([...at, field], `spec.limits[${i}].${field}: Forbidden: may not be specified when \`type\` is 'Pod'`, { part: 'key' });
        }
        const section = (name: string) => (isRecord(limit[name]) ? (limit[name] as Record<string, unknown>) : {});
        const [min, max, def, req] = ['min', 'max', 'default', 'defaultRequest'].map(section);
        const value = (q: unknown) => quantityValue(q);
        for (const resource of new Set([...Object.keys(min), ...Object.keys(max), ...Object.keys(def), ...Object.keys(req)])) {
          const [lo, hi, d, r] = [min, max, def, req].map((m) => value(m[resource]));
          if (lo !== undefined && hi !== undefined && lo > hi) ctx.report([...at, 'min', resource], `spec.limits[${i}].min[${resource}]: Invalid value: min value is greater than max value`);
          if (lo !== undefined && r !== undefined && lo > r) ctx.report([...at, 'defaultRequest', resource], `spec.limits[${i}].defaultRequest[${resource}]: Invalid value: min value is greater than default request value`);
          if (r !== undefined && hi !== undefined && r > hi) ctx.report([...at, 'defaultRequest', resource], `spec.limits[${i}].defaultRequest[${resource}]: Invalid value: default request value is greater than max value`);
          if (r !== undefined && d !== undefined && r > d) ctx.report([...at, 'defaultRequest', resource], `spec.limits[${i}].defaultRequest[${resource}]: Invalid value: default request value is greater than default limit value`);
          if (lo !== undefined && d !== undefined && lo > d) ctx.report([...at, 'default', resource], `spec.limits[${i}].default[${resource}]: Invalid value: min value is greater than default value`);
          if (d !== undefined && hi !== undefined && d > hi) ctx.report([...at, 'default', resource], `spec.limits[${i}].default[${resource}]: Invalid value: default value is greater than max value`);
        }
      });
    }
  },
};
