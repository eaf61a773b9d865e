import type { KubeRule } from '../rule';
import { fieldPath } from '../rule';
import { isRecord } from '../model/documents';
import { POD_SPEC_KINDS, asArray } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';

/**
 * topologySpreadConstraints as validateTopologySpreadConstraints checks them (pkg/apis/core/validation):
 * maxSkew and minDomains greater than zero, minDomains only with whenUnsatisfiable: DoNotSchedule, a
 * non-empty topologyKey, matchLabelKeys only with a labelSelector, no two constraints with the same {topologyKey, whenUnsatisfiable}. Enums and
 * required fields are the schema's.
 */
export const topologySpreadRule: KubeRule = {
  id: 'KubeTopologySpread',
  severity: 'error',
  doc: 'A topology spread constraint with maxSkew or minDomains ≤ 0, minDomains without whenUnsatisfiable: DoNotSchedule, an empty topologyKey, matchLabelKeys without labelSelector, or a repeated {topologyKey, whenUnsatisfiable}.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    const constraints = asArray(pod.spec.topologySpreadConstraints);
    constraints.forEach((constraint, i) => {
      if (!isRecord(constraint)) return;
      const at = [...pod.path, 'topologySpreadConstraints', i];
      const name = fieldPath(at);
      // Absent or null decodes to 0: the schema reports a missing maxSkew, this rule a written one.
      if (typeof constraint.maxSkew === 'number' && constraint.maxSkew <= 0) {
        ctx.report([...at, 'maxSkew'], `${name}.maxSkew: Invalid value: ${constraint.maxSkew}: must be greater than zero`);
      } else if (constraint.maxSkew === null) {
        ctx.report([...at, 'maxSkew'], `${name}.maxSkew: Invalid value: 0: must be greater than zero`, { part: 'key' });
      }
      if (constraint.topologyKey === '' || constraint.topologyKey === null) ctx.report([...at, 'topologyKey'], `${name}.topologyKey: Required value: can not be empty`, { part: 'key' });
      const minDomains = constraint.minDomains;
      if (typeof minDomains === 'number') {
        if (minDomains <= 0) ctx.report([...at, 'minDomains'], `${name}.minDomains: Invalid value: ${minDomains}: must be greater than zero`);
        const action = typeof constraint.whenUnsatisfiable === 'string' ? constraint.whenUnsatisfiable : '';
        if (action !== 'DoNotSchedule') {
          ctx.report([...at, 'minDomains'], `${name}.minDomains: Invalid value: ${minDomains}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`);
        }
      }
      if (Array.isArray(constraint.matchLabelKeys) && constraint.matchLabelKeys.length && (constraint.labelSelector === undefined || constraint.labelSelector === null)) {
        ctx.report([...at, 'matchLabelKeys'], `${name}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`, { part: 'key' });
      }
      const duplicate = constraints.slice(i + 1).some((other) => isRecord(other) && other.topologyKey === constraint.topologyKey && other.whenUnsatisfiable === constraint.whenUnsatisfiable);
      if (duplicate) {
        ctx.report([...at, 'topologyKey'], `${name}.{topologyKey, whenUnsatisfiable}: Duplicate value: "{${String(constraint.topologyKey)}, ${String(constraint.whenUnsatisfiable)}}"`);
      }
    });
  },
};
