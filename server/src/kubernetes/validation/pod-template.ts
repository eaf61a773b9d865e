import type { YamlPath } from '../../yaml/parse';
import type { KubeRuleContext } from '../rule';
import { podSpecOf, type PodSpecAt } from './pod-spec';
import { minorOf } from '../schema/store';

/**
 * Before Kubernetes 1.34 kube-apiserver did not validate a StatefulSet's pod template beyond its labels,
 * annotations, restartPolicy and activeDeadlineSeconds, nor its volumeClaimTemplates (1.33
 * pkg/apis/apps/validation ValidatePodTemplateSpecForStatefulSet: "TODO: Add validation for PodSpec"):
 * a 1.33 server accepts a StatefulSet whose container is named "Web" or mounts a volume that does not
 * exist. Only decoding (unknown fields, types) applies there.
 */
export function statefulSetTemplateUnvalidated(kind: string, version: string): boolean {
  return kind === 'StatefulSet' && minorOf(version) < 34;
}

/** Paths a kind's validation skips for the target version (only strict decoding applies under them). */
export function decodeOnlyPath(kind: string, version: string): ((path: YamlPath) => boolean) | undefined {
  if (!statefulSetTemplateUnvalidated(kind, version)) return undefined;
  return (path) => path[0] === 'spec' && (path[1] === 'volumeClaimTemplates' || (path[1] === 'template' && path[2] === 'spec'));
}

/** The PodSpec kube-apiserver runs ValidatePodSpec on for this document: none for a StatefulSet before 1.34. */
export function validatedPodSpec(ctx: KubeRuleContext): PodSpecAt | undefined {
  return statefulSetTemplateUnvalidated(ctx.kind, ctx.version) ? undefined : podSpecOf(ctx.kind, ctx.value);
}
