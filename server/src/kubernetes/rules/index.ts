import type { RuleInfo } from '../../core/diagnostics';
import type { KubeRule, KubeWorkspaceRule } from '../rule';
import { apiNotEnabledRule } from './api-not-enabled';
import { autoscalerRule } from './autoscaler';
import { clusterObjectsRule } from './cluster-objects';
import { networkPolicyRule } from './network-policy';
import { podVolumesRule } from './pod-volumes';
import { rbacRule } from './rbac';
import { configDataRule } from './config-data';
import { containerPortsRule } from './invalid-port';
import { cronJobRule } from './cronjob';
import { crdDefinitionRule } from './invalid-crd';
import { duplicateNamesRule } from './duplicate-name';
import { envRule } from './env';
import { ingressRule } from './ingress';
import { labelSelectorRule } from './label-selector';
import { labelsRule } from './invalid-label';
import { missingReferenceRule } from './missing-reference';
import { missingSpecRule } from './missing-spec';
import { noSuchKindRule } from './no-such-kind';
import { objectNameRule } from './invalid-name';
import { podSpecRule } from './pod-spec';
import { probesRule } from './probe';
import { deprecatedApiRule, notYetServedRule, removedApiRule, unknownKindRule } from './removed-api';
import { resourcesRule } from './resources';
import { restartPolicyRule } from './restart-policy';
import { selectorMatchRule } from './selector-mismatch';
import { serviceRule } from './service';
import { serviceSelectorRule } from './service-no-match';
import { topologySpreadRule } from './topology-spread';
import { volumeClaimRule } from './volume-claim';
import { volumeMountsRule } from './volume-mount';
import { workloadSpecRule } from './workload-spec';
import { SCHEMA_RULES } from '../schema/validate';

/** Single-document rules, in the order the API server roughly reports them. */
export const KUBE_RULES: readonly KubeRule[] = [
  apiNotEnabledRule, objectNameRule, labelsRule, selectorMatchRule, labelSelectorRule, restartPolicyRule, podSpecRule, duplicateNamesRule,
  volumeMountsRule, containerPortsRule, resourcesRule, probesRule, envRule, cronJobRule, serviceRule, ingressRule,
  workloadSpecRule, configDataRule, volumeClaimRule, autoscalerRule, rbacRule, podVolumesRule, networkPolicyRule, clusterObjectsRule,
  missingSpecRule, topologySpreadRule, crdDefinitionRule,
];

/** Rules that read other files of the workspace. */
export const WORKSPACE_RULES: readonly KubeWorkspaceRule[] = [serviceSelectorRule, missingReferenceRule];

export const ALL_KUBE_RULES: readonly RuleInfo[] = [
  ...SCHEMA_RULES, removedApiRule, deprecatedApiRule, notYetServedRule, unknownKindRule, noSuchKindRule,
  ...KUBE_RULES.map(({ id, severity, doc }) => ({ id, severity, doc })),
  ...WORKSPACE_RULES.map(({ id, severity, doc }) => ({ id, severity, doc })),
];
