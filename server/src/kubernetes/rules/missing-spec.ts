import type { KubeRule } from '../rule';
import { groupOf } from '../validation/built-in-kinds';
import { statefulSetTemplateUnvalidated } from '../validation/pod-template';

const SELECTOR = 'spec.selector: Required value';
const LABELS = 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`';
const CONTAINERS = 'spec.template.spec.containers: Required value';
const RESTART = 'restartPolicy: Required value: valid values: "OnFailure", "Never"';

/**
 * What kube-apiserver reports for an object whose spec (or PodTemplate's template) is absent or null: its
 * validation runs on the zero value all the same. The OpenAPI does not mark these specs required, so the
 * schema says nothing; the rules about a spec's content only run when there is one.
 */
const REQUIRED: Record<string, { group: string; field?: string; errors: (version: string) => string[] }> = {
  Deployment: { group: 'apps', errors: () => [SELECTOR, LABELS, CONTAINERS] },
  ReplicaSet: { group: 'apps', errors: () => [SELECTOR, LABELS, CONTAINERS] },
  DaemonSet: { group: 'apps', errors: () => [LABELS, CONTAINERS] },
  StatefulSet: { group: 'apps', errors: (version) => [SELECTOR, LABELS, ...(statefulSetTemplateUnvalidated('StatefulSet', version) ? [] : [CONTAINERS])] },
  ReplicationController: { group: '', errors: () => [SELECTOR, 'spec.template: Required value'] },
  Job: { group: 'batch', errors: () => [CONTAINERS, `spec.template.spec.${RESTART}`] },
  CronJob: { group: 'batch', errors: () => ['spec.schedule: Required value', 'spec.jobTemplate.spec.template.spec.containers: Required value', `spec.jobTemplate.spec.template.spec.${RESTART}`] },
  Pod: { group: '', errors: () => ['spec.containers: Required value'] },
  PodTemplate: { group: '', field: 'template', errors: () => ['template.spec.containers: Required value'] },
  Service: { group: '', errors: () => ['spec.ports: Required value'] },
  PersistentVolumeClaim: { group: '', errors: () => ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value'] },
  PersistentVolume: { group: '', errors: () => ['spec.accessModes: Required value', 'spec.capacity: Required value', 'spec: Required value: must specify a volume type'] },
  HorizontalPodAutoscaler: { group: 'autoscaling', errors: () => ['spec.maxReplicas: Invalid value: 0: must be greater than 0', 'spec.scaleTargetRef.kind: Required value', 'spec.scaleTargetRef.name: Required value'] },
  Ingress: { group: 'networking.k8s.io', errors: () => ['spec: Invalid value: either `defaultBackend` or `rules` must be specified'] },
  IngressClass: { group: 'networking.k8s.io', errors: () => ['spec.controller: Required value'] },
  ServiceCIDR: { group: 'networking.k8s.io', errors: () => ['spec.cidrs: Required value: at least one CIDR required'] },
  IPAddress: { group: 'networking.k8s.io', errors: () => ['spec.parentRef: Required value'] },
  FlowSchema: { group: 'flowcontrol.apiserver.k8s.io', errors: () => ['spec.priorityLevelConfiguration.name: Required value: must reference a priority level'] },
  PriorityLevelConfiguration: { group: 'flowcontrol.apiserver.k8s.io', errors: () => ['spec.type: Required value'] },
  ValidatingAdmissionPolicy: { group: 'admissionregistration.k8s.io', errors: () => ['spec.matchConstraints: Required value', 'spec.validations: Required value: validations or auditAnnotations must contain at least one item'] },
  ValidatingAdmissionPolicyBinding: { group: 'admissionregistration.k8s.io', errors: () => ['spec.policyName: Required value', 'spec.validationActions: Required value: at least one validation action is required'] },
  MutatingAdmissionPolicy: {
    group: 'admissionregistration.k8s.io',
    errors: () => ['spec.matchConstraints: Required value', 'spec.mutations: Required value: mutations must contain at least one item', 'spec.reinvocationPolicy: Required value'],
  },
};

/** An object kube-apiserver validates as if its spec were empty, which it rejects: the spec is missing altogether. */
export const missingSpecRule: KubeRule = {
  id: 'KubeMissingSpec',
  severity: 'error',
  doc: 'A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Service, PersistentVolumeClaim, FlowSchema, ValidatingAdmissionPolicy… with no spec (or an empty `spec:`), which kube-apiserver rejects.',
  appliesTo: { objects: 'built-in' },
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
