/**
 * Removed and deprecated API versions (https://kubernetes.io/docs/reference/using-api/deprecation-guide/),
 * with the replacement a quick fix rewrites to. `removed` is the first minor that no longer serves it.
 */
export interface ApiChange {
  apiVersion: string;
  kind: string;
  deprecated: number;
  removed?: number;
  replacement?: string;
  note?: string;
}

const change = (apiVersion: string, kinds: string[], deprecated: number, removed: number | undefined, replacement?: string, note?: string): ApiChange[] => kinds.map((kind) => ({ apiVersion, kind, deprecated, removed, replacement, note }));

export const API_CHANGES: ApiChange[] = [
  ...change('extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], 9, 16, 'apps/v1', 'apps/v1 requires spec.selector'),
  ...change('apps/v1beta1', ['Deployment', 'StatefulSet', 'ControllerRevision'], 9, 16, 'apps/v1', 'apps/v1 requires spec.selector'),
  ...change('apps/v1beta2', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], 9, 16, 'apps/v1', 'apps/v1 requires spec.selector'),
  ...change('extensions/v1beta1', ['NetworkPolicy'], 9, 16, 'networking.k8s.io/v1'),
  ...change('extensions/v1beta1', ['PodSecurityPolicy'], 11, 16, undefined, 'use Pod Security Admission'),
  ...change('extensions/v1beta1', ['Ingress'], 14, 22, 'networking.k8s.io/v1', 'backend.serviceName/servicePort become backend.service.name/port; pathType is required'),
  ...change('networking.k8s.io/v1beta1', ['Ingress'], 19, 22, 'networking.k8s.io/v1', 'backend.serviceName/servicePort become backend.service.name/port; pathType is required'),
  ...change('networking.k8s.io/v1beta1', ['IngressClass'], 19, 22, 'networking.k8s.io/v1'),
  ...change('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], 17, 22, 'rbac.authorization.k8s.io/v1'),
  ...change('rbac.authorization.k8s.io/v1alpha1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], 17, 22, 'rbac.authorization.k8s.io/v1'),
  ...change('apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], 16, 22, 'apiextensions.k8s.io/v1', 'v1 requires a structural schema per version'),
  ...change('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], 16, 22, 'admissionregistration.k8s.io/v1', 'v1 requires sideEffects and admissionReviewVersions'),
  ...change('apiregistration.k8s.io/v1beta1', ['APIService'], 19, 22, 'apiregistration.k8s.io/v1'),
  ...change('scheduling.k8s.io/v1beta1', ['PriorityClass'], 14, 22, 'scheduling.k8s.io/v1'),
  ...change('coordination.k8s.io/v1beta1', ['Lease'], 14, 22, 'coordination.k8s.io/v1'),
  ...change('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], 19, 22, 'certificates.k8s.io/v1'),
  ...change('storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], 19, 22, 'storage.k8s.io/v1'),
  ...change('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], 24, 27, 'storage.k8s.io/v1'),
  ...change('batch/v1beta1', ['CronJob'], 21, 25, 'batch/v1'),
  ...change('policy/v1beta1', ['PodDisruptionBudget'], 21, 25, 'policy/v1', 'an empty selector now selects every pod of the namespace'),
  ...change('policy/v1beta1', ['PodSecurityPolicy'], 21, 25, undefined, 'use Pod Security Admission'),
  ...change('discovery.k8s.io/v1beta1', ['EndpointSlice'], 21, 25, 'discovery.k8s.io/v1'),
  ...change('events.k8s.io/v1beta1', ['Event'], 22, 25, 'events.k8s.io/v1'),
  ...change('node.k8s.io/v1beta1', ['RuntimeClass'], 20, 25, 'node.k8s.io/v1'),
  ...change('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], 22, 25, 'autoscaling/v2', 'targetAverageUtilization becomes target.averageUtilization'),
  ...change('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], 23, 26, 'autoscaling/v2'),
  ...change('flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], 23, 26, 'flowcontrol.apiserver.k8s.io/v1'),
  ...change('flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], 26, 29, 'flowcontrol.apiserver.k8s.io/v1'),
  ...change('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], 29, 32, 'flowcontrol.apiserver.k8s.io/v1'),
  ...change('v1', ['Endpoints'], 33, undefined, 'discovery.k8s.io/v1', 'use EndpointSlice'),
  ...change('v1', ['ComponentStatus'], 19, undefined, undefined),
];

export function apiChange(apiVersion: string, kind: string): ApiChange | undefined {
  return API_CHANGES.find((c) => c.apiVersion === apiVersion && c.kind === kind);
}

/** The change that removed apiVersion/kind by Kubernetes 1.`minor`, when no schema serves it any more. */
export function removal(apiVersion: string, kind: string, minor: number, resolved: boolean): ApiChange | undefined {
  const change = apiChange(apiVersion, kind);
  return change?.removed !== undefined && minor >= change.removed && !resolved ? change : undefined;
}
