import type { KubernetesRule } from '../rule';
import { apiNotEnabledRule } from './api-not-enabled';
import { apiNotServedRule } from './api-not-served';
import { autoscalerRule } from './autoscaler';
import { clusterObjectsRule } from './cluster-objects';
import { networkPolicyRule } from './network-policy';
import { podVolumesRule } from './pod-volumes';
import { rbacRule } from './rbac';
import { configDataRule } from './config-data';
import { invalidPortRule } from './invalid-port';
import { cronJobRule } from './cronjob';
import { deprecatedApiRule } from './deprecated-api';
import { invalidCrdRule } from './invalid-crd';
import { duplicateNameRule } from './duplicate-name';
import { envRule } from './env';
import { ingressRule } from './ingress';
import { labelSelectorRule } from './label-selector';
import { invalidLabelRule } from './invalid-label';
import { missingReferenceRule } from './missing-reference';
import { missingSpecRule } from './missing-spec';
import { noSuchKindRule } from './no-such-kind';
import { invalidNameRule } from './invalid-name';
import { podSpecRule } from './pod-spec';
import { probeRule } from './probe';
import { removedApiRule } from './removed-api';
import { resourcesRule } from './resources';
import { restartPolicyRule } from './restart-policy';
import { selectorMismatchRule } from './selector-mismatch';
import { serviceRule } from './service';
import { serviceNoMatchRule } from './service-no-match';
import { topologySpreadRule } from './topology-spread';
import { unknownKindRule } from './unknown-kind';
import { volumeClaimRule } from './volume-claim';
import { volumeMountRule } from './volume-mount';
import { workloadSpecRule } from './workload-spec';

/**
 * Every Kubernetes rule, in the order the API server roughly reports them: the apiVersion checks (one of
 * them at most speaks for an object), the rules of one object, the rules that read other files. engine.ts
 * runs each on the objects its appliesTo names.
 */
export const KUBE_RULES: readonly KubernetesRule[] = [
  removedApiRule,
  deprecatedApiRule,
  apiNotServedRule,
  unknownKindRule,
  noSuchKindRule,
  apiNotEnabledRule,
  invalidNameRule,
  invalidLabelRule,
  selectorMismatchRule,
  labelSelectorRule,
  restartPolicyRule,
  podSpecRule,
  duplicateNameRule,
  volumeMountRule,
  invalidPortRule,
  resourcesRule,
  probeRule,
  envRule,
  cronJobRule,
  serviceRule,
  ingressRule,
  workloadSpecRule,
  configDataRule,
  volumeClaimRule,
  autoscalerRule,
  rbacRule,
  podVolumesRule,
  networkPolicyRule,
  clusterObjectsRule,
  missingSpecRule,
  topologySpreadRule,
  invalidCrdRule,
  serviceNoMatchRule,
  missingReferenceRule,
];
