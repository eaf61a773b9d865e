import type { KubeRule } from './context';
import { groupOf } from './no-such-kind';
import { statefulSetTemplateUnvalidated } from './pod-template';

/**
 * What kube-apiserver reports for an object whose spec (or PodTemplate's template) is absent or null: its
 * validation runs on the zero value all the same. The OpenAPI does not mark these specs required, so the
 * schema says nothing; the rules about a spec's content only run when there is one.
 */
const REQUIRED: Record<string, { group: string; field?: string; errors: (version: string) => string[] }> = {
  Deployment: { group: 'apps', errors: () => ['spec.selector: Required value', 'spec.template.spec.containers: Required value'] },
  ReplicaSet: { group: 'apps', errors: () => ['spec.selector: Required value', 'spec.template.spec.containers: Required value'] },
  DaemonSet: { group: 'apps', errors: () => ['spec.selector: Required value', 'spec.template.spec.containers: Required value'] },
  StatefulSet: {
    group: 'apps',
    errors: (version) => ['spec.selector: Required value', ...(statefulSetTemplateUnvalidated('StatefulSet', version) ? [] : ['spec.template.spec.containers: Required value'])],
  },
  ReplicationController: { group: '', errors: () => ['spec.selector: Required value', 'spec.template: Required value'] },
  Job: { group: 'batch', errors: () => ['spec.template.spec.containers: Required value', 'spec.template.spec.restartPolicy: Required value ("OnFailure" or "Never")'] },
  CronJob: { group: 'batch', errors: () => ['spec.schedule: Required value', 'spec.jobTemplate.spec.template.spec.containers: Required value'] },
  Pod: { group: '', errors: () => ['spec.containers: Required value'] },
  PodTemplate: { group: '', field: 'template', errors: () => ['template.spec.containers: Required value'] },
  Service: { group: '', errors: () => ['spec.ports: Required value'] },
  PersistentVolumeClaim: { group: '', errors: () => ['spec.accessModes: Required value', 'spec.resources[storage]: Required value'] },
  PersistentVolume: { group: '', errors: () => ['spec.capacity: Required value', 'spec.accessModes: Required value', 'spec: Required value: must specify a volume type'] },
  HorizontalPodAutoscaler: { group: 'autoscaling', errors: () => ['spec.scaleTargetRef.kind: Required value', 'spec.scaleTargetRef.name: Required value', 'spec.maxReplicas: Invalid value: 0: must be greater than 0'] },
  Ingress: { group: 'networking.k8s.io', errors: () => ['spec: Invalid value: either `defaultBackend` or `rules` must be specified'] },
  IngressClass: { group: 'networking.k8s.io', errors: () => ['spec.controller: Required value'] },
};

/** An object kube-apiserver validates as if its spec were empty, which it rejects: the spec is missing altogether. */
export const missingSpecRule: KubeRule = {
  id: 'KubeMissingSpec',
  severity: 'error',
  doc: 'A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Service, PersistentVolumeClaim… with no spec (or an empty `spec:`), which kube-apiserver rejects.',
  check(ctx) {
    const required = REQUIRED[ctx.kind];
    if (!required || groupOf(ctx.apiVersion) !== required.group) return;
    const field = required.field ?? 'spec';
    const value = ctx.value[field];
    if (value !== undefined && value !== null) return;
    const errors = required.errors(ctx.version).join('; ');
    const what = `${ctx.kind} has no ${field}`;
    if (value === null) return ctx.report([field], `${field}: Required value: ${what} (\`${field}:\` is empty). kube-apiserver: ${errors}`, { part: 'key' });
    // Newer OpenAPI documents mark some specs required (CronJob, HPA in 1.36): the schema reports those.
    const definition = ctx.schemas.kindDefinition(ctx.apiVersion, ctx.kind);
    if (definition && ctx.schemas.definition(definition)?.r?.includes(field)) return;
    // On the object's first line, where a missing top-level field is reported.
    const first = ctx.doc.yaml.contents?.range?.[0] ?? 0;
    const start = ctx.doc.local.positionAt(first);
    ctx.report([], `${field}: Required value: ${what}. kube-apiserver: ${errors}`, { range: { start, end: { line: start.line, character: start.character + 1 } } });
  },
};
