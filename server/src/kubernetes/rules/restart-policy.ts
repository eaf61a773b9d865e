import type { KubeRule } from '../rule';
import { POD_SPEC_KINDS, podSpecOf } from '../validation/pod-spec';

/** Workload controllers only accept some pod restart policies (apps: Always; batch: OnFailure/Never). */
const ALLOWED: Record<string, readonly string[]> = {
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
  ReplicationController: ['Always'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

export const restartPolicyRule: KubeRule = {
  id: 'KubeRestartPolicy',
  severity: 'error',
  doc: 'restartPolicy not allowed for this workload kind (Deployments need Always; Jobs and CronJobs OnFailure or Never).',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const allowed = ALLOWED[ctx.kind];
    const pod = podSpecOf(ctx.kind, ctx.value);
    if (!allowed || !pod) return;
    const policy = pod.spec.restartPolicy ?? 'Always'; // the API server defaults it before validating
    if (typeof policy !== 'string' || allowed.includes(policy)) return;
    const list = allowed.map((v) => `"${v}"`).join(', ');
    if (pod.spec.restartPolicy === undefined) {
      ctx.report(pod.path, `${pod.path.join('.')}.restartPolicy: Required value: valid values: ${list}`, { part: 'key', data: { insert: 'restartPolicy', value: allowed[0] } });
    } else {
      ctx.report([...pod.path, 'restartPolicy'], `${pod.path.join('.')}.restartPolicy: Unsupported value: "${policy}": supported values: ${list}`, { data: { replace: allowed[0] } });
    }
  },
};
