/**
 * Allowed values the API server's validation enforces (k8s.io/kubernetes/pkg/apis/STAR/validation),
 * keyed "Definition.field" by the definition's short name. The published OpenAPI carries no enums, so
 * these come from the validation code (supportedX sets). Every field here is rejected with
 * "Unsupported value" by kube-apiserver on create.
 */
export const ENUMS: Record<string, readonly string[]> = {
  'Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'EndpointPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'NetworkPolicyPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'PodSpec.dnsPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'ServiceSpec.ipFamilies': ['IPv4', 'IPv6'],
  'HTTPIngressPath.pathType': ['Exact', 'Prefix', 'ImplementationSpecific'],
  'PersistentVolumeClaimSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'PersistentVolumeSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'PersistentVolumeSpec.volumeMode': ['Block', 'Filesystem'],
  'PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Recycle', 'Delete', 'Retain'],
  'DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'DaemonSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'StatefulSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'JobSpec.podReplacementPolicy': ['TerminatingOrFailed', 'Failed'],
  'PodFailurePolicyRule.action': ['FailJob', 'FailIndex', 'Ignore', 'Count'],
  'LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'Toleration.operator': ['Equal', 'Exists'],
  'Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'Taint.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'VolumeMount.mountPropagation': ['None', 'HostToContainer', 'Bidirectional'],
  'HostPathVolumeSource.type': ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  'HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'NetworkPolicySpec.policyTypes': ['Ingress', 'Egress'],
  'MetricSpec.type': ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'],
  'MetricTarget.type': ['Utilization', 'Value', 'AverageValue'],
  'HPAScalingPolicy.type': ['Pods', 'Percent'],
  'HPAScalingRules.selectPolicy': ['Max', 'Min', 'Disabled'],
  'SeccompProfile.type': ['Unconfined', 'RuntimeDefault', 'Localhost'],
  'AppArmorProfile.type': ['Unconfined', 'RuntimeDefault', 'Localhost'],
  'PodSecurityContext.fsGroupChangePolicy': ['OnRootMismatch', 'Always'],
  'PodOS.name': ['linux', 'windows'],
  'StorageClass.reclaimPolicy': ['Delete', 'Retain'],
  'StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
  'PriorityClass.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'LimitRangeItem.type': ['Pod', 'Container', 'PersistentVolumeClaim'],
  'EndpointSlice.addressType': ['IPv4', 'IPv6', 'FQDN'],
  'ServiceAccountTokenProjection.path': [],
  'PolicyRule.verbs': [],
};

const byDefinition = new Map<string, Map<string, readonly string[] | undefined>>();

/** Values checked case-insensitively for a casing quick fix. */
export function enumFor(definition: string | undefined, field: string): readonly string[] | undefined {
  if (!definition) return undefined;
  // Asked for every scalar of every document: remembered per definition and field.
  let fields = byDefinition.get(definition);
  if (!fields) byDefinition.set(definition, (fields = new Map()));
  if (fields.has(field)) return fields.get(field);
  const short = definition.slice(definition.lastIndexOf('.') + 1);
  const values = ENUMS[`${short}.${field}`];
  const found = values?.length ? values : undefined;
  fields.set(field, found);
  return found;
}
