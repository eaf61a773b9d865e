import type { KubeRule, KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';

function nonNegative(ctx: KubeRuleContext, spec: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) {
    const n = spec[field];
    if (typeof n === 'number' && n < 0) ctx.report(['spec', field], `spec.${field}: Invalid value: ${n}: must be greater than or equal to 0`);
  }
}

/** Set to something: JSON null decodes to the absent pointer, so `rollingUpdate: null` (Helm charts render it) is not set. */
const present = (value: unknown) => value !== undefined && value !== null;

/** int-or-percent of rolling updates: an integer ≥ 0 or "N%" (≤ 100% for maxUnavailable). */
function intOrPercent(ctx: KubeRuleContext, path: YamlPath, value: unknown, capped: boolean): number | undefined {
  const where = path.join('.');
  if (typeof value === 'number') {
    if (value < 0) ctx.report(path, `${where}: Invalid value: ${value}: must be greater than or equal to 0`);
    return value;
  }
  if (typeof value === 'string') {
    const match = /^(\d+)%$/.exec(value);
    if (!match) {
      ctx.report(path, `${where}: Invalid value: "${value}": must be an integer or percentage (e.g '5%')`);
      return undefined;
    }
    const percent = Number(match[1]);
    if (capped && percent > 100) ctx.report(path, `${where}: Invalid value: "${value}": must not be greater than 100%`);
    return percent;
  }
  return undefined;
}

/** Deployment, StatefulSet, DaemonSet, ReplicaSet and Job spec fields: counts, strategies, deadlines. */
export const workloadSpecRule: KubeRule = {
  id: 'KubeWorkloadSpec',
  severity: 'error',
  doc: 'Workload specs: negative replicas or limits, rollingUpdate with Recreate, maxSurge and maxUnavailable both 0, progressDeadlineSeconds ≤ minReadySeconds, Job counts and deadlines.',
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    const spec = ctx.value.spec;
    if (!isRecord(spec)) return;
    switch (ctx.kind) {
      case 'Deployment': {
        nonNegative(ctx, spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']);
        if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
          ctx.report(['spec', 'progressDeadlineSeconds'], `spec.progressDeadlineSeconds: Invalid value: ${spec.progressDeadlineSeconds}: must be greater than minReadySeconds`);
        }
        const strategy = spec.strategy;
        if (!isRecord(strategy)) break;
        if (strategy.type === 'Recreate' && present(strategy.rollingUpdate)) {
          ctx.report(['spec', 'strategy', 'rollingUpdate'], "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'", { part: 'key' });
        }
        const rolling = strategy.rollingUpdate;
        if (isRecord(rolling) && strategy.type !== 'Recreate') {
          const surge = intOrPercent(ctx, ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], rolling.maxSurge, false);
          const unavailable = intOrPercent(ctx, ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], rolling.maxUnavailable, true);
          if (surge === 0 && unavailable === 0) ctx.report(['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
        }
        break;
      }
      case 'StatefulSet':
        nonNegative(ctx, spec, ['replicas', 'minReadySeconds', 'revisionHistoryLimit']);
        if (isRecord(spec.updateStrategy) && spec.updateStrategy.type === 'OnDelete' && present(spec.updateStrategy.rollingUpdate)) {
          ctx.report(['spec', 'updateStrategy', 'rollingUpdate'], "spec.updateStrategy.rollingUpdate: Invalid value: only allowed for updateStrategy 'RollingUpdate'", { part: 'key' });
        }
        break;
      case 'DaemonSet': {
        nonNegative(ctx, spec, ['minReadySeconds', 'revisionHistoryLimit']);
        const rolling = isRecord(spec.updateStrategy) ? spec.updateStrategy.rollingUpdate : undefined;
        if (isRecord(rolling)) {
          const surge = intOrPercent(ctx, ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'], rolling.maxSurge, true);
          const unavailable = intOrPercent(ctx, ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], rolling.maxUnavailable ?? 1, true);
          if (surge !== undefined && surge !== 0 && unavailable !== undefined && unavailable !== 0 && rolling.maxUnavailable !== undefined) {
            ctx.report(['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'], 'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: may not be set when maxUnavailable is non-zero');
          }
          if (surge === 0 && unavailable === 0) ctx.report(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
        }
        break;
      }
      case 'ReplicaSet':
      case 'ReplicationController':
        nonNegative(ctx, spec, ['replicas', 'minReadySeconds']);
        break;
      case 'PodDisruptionBudget': {
        if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
          ctx.report(['spec', 'maxUnavailable'], 'spec: Invalid value: minAvailable and maxUnavailable cannot be both set', { part: 'key' });
        }
        intOrPercent(ctx, ['spec', 'minAvailable'], spec.minAvailable, true);
        intOrPercent(ctx, ['spec', 'maxUnavailable'], spec.maxUnavailable, true);
        break;
      }
      case 'Job': {
        nonNegative(ctx, spec, ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished', 'activeDeadlineSeconds']);
        // Defaulting sets completions (and parallelism) to 1 when neither is given.
        if (spec.completionMode === 'Indexed' && spec.completions === undefined && spec.parallelism !== undefined) ctx.report(['spec', 'completionMode'], 'spec.completions: Required value: when completion mode is Indexed');
        break;
      }
    }
  },
};
