import type { YamlPath } from '../../yaml/parse';
import type { KubeRuleContext, KubeRule } from '../rule';
import { labelValue, qualifiedName } from '../validation/names';
import { isRecord } from '../model/documents';
import { getPath, podSpecOf } from '../validation/pod-spec';
import { statefulSetTemplateUnvalidated } from '../validation/pod-template';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

function checkLabels(ctx: KubeRuleContext, path: YamlPath, labels: unknown): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedName(key);
    if (keyProblem) ctx.report([...path, key], `${path.join('.')}: Invalid value: "${key}": ${keyProblem}`, { part: 'key' });
    if (typeof value === 'string') {
      const valueProblem = labelValue(value);
      if (valueProblem) ctx.report([...path, key], `${path.join('.')}: Invalid value: "${value}": ${valueProblem}`);
    }
  }
}

function checkAnnotations(ctx: KubeRuleContext, path: YamlPath, annotations: unknown): void {
  if (!isRecord(annotations)) return;
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const problem = qualifiedName(key.toLowerCase());
    if (problem) ctx.report([...path, key], `${path.join('.')}: Invalid value: "${key}": ${problem}`, { part: 'key' });
    size += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE) ctx.report(path, `${path.join('.')}: Too long: must have at most ${TOTAL_ANNOTATION_SIZE} bytes`, { part: 'key' });
}

/** Label keys/values and annotation keys of the object, its pod template, selectors and nodeSelector. */
export const invalidLabelRule: KubeRule = {
  id: 'KubeInvalidLabel',
  severity: 'error',
  doc: 'Label keys must be qualified names, values ≤ 63 characters of [A-Za-z0-9-_.]; annotation keys qualified names.',
  appliesTo: { objects: 'with-schema' },
  check(ctx) {
    checkLabels(ctx, ['metadata', 'labels'], getPath(ctx.value, ['metadata', 'labels']));
    checkAnnotations(ctx, ['metadata', 'annotations'], getPath(ctx.value, ['metadata', 'annotations']));
    const pod = podSpecOf(ctx.kind, ctx.value);
    if (pod?.templatePath) {
      checkLabels(ctx, [...pod.templatePath, 'metadata', 'labels'], getPath(ctx.value, [...pod.templatePath, 'metadata', 'labels']));
      checkAnnotations(ctx, [...pod.templatePath, 'metadata', 'annotations'], getPath(ctx.value, [...pod.templatePath, 'metadata', 'annotations']));
    }
    if (pod && !statefulSetTemplateUnvalidated(ctx.kind, ctx.version)) checkLabels(ctx, [...pod.path, 'nodeSelector'], pod.spec.nodeSelector);
    if (ctx.kind === 'Service') checkLabels(ctx, ['spec', 'selector'], getPath(ctx.value, ['spec', 'selector']));
    else if (ctx.kind !== 'ReplicationController') checkLabels(ctx, ['spec', 'selector', 'matchLabels'], getPath(ctx.value, ['spec', 'selector', 'matchLabels']));
  },
};
