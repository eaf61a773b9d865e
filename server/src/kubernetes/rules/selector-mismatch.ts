import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { getPath } from '../validation/pod-spec';
import { selectorMatches } from '../validation/selectors';

const APPS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** apps/v1 workloads: a non-empty selector that matches the pod template's labels; Job selectors are generated. */
export const selectorMismatchRule: KubeRule = {
  id: 'KubeSelectorMismatch',
  severity: 'error',
  doc: "A workload's selector is missing, empty, or does not match its pod template's labels.",
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    const spec = ctx.value.spec;
    if (!isRecord(spec)) return;
    if (ctx.kind === 'Job' && spec.selector !== undefined && spec.manualSelector !== true) {
      ctx.report(['spec', 'selector'], 'spec.selector: Invalid value: `selector` will be auto-generated (set manualSelector: true to choose it)', { part: 'key' });
      return;
    }
    if (ctx.kind === 'ReplicationController') {
      const labels = getPath(spec, ['template', 'metadata', 'labels']);
      // The selector defaults to the template's labels; with neither there is nothing to select.
      const noSelector = !isRecord(spec.selector) || Object.keys(spec.selector).length === 0;
      if (noSelector && (!isRecord(labels) || Object.keys(labels).length === 0)) {
        ctx.report(['spec'], 'spec.selector: Required value (and the template has no labels to default it from)', { part: 'key' });
        return;
      }
      if (isRecord(spec.selector) && isRecord(labels) && !Object.entries(spec.selector).every(([k, v]) => labels[k] === v)) {
        ctx.report(['spec', 'template', 'metadata', 'labels'], 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`', { part: 'key' });
      }
      return;
    }
    if (!APPS.has(ctx.kind) || !ctx.apiVersion.startsWith('apps/')) return;
    const selector = spec.selector;
    if (!isRecord(selector)) {
      ctx.report(['spec'], 'spec.selector: Required value', { part: 'key' });
      return;
    }
    const empty = !isRecord(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0;
    const noExpressions = !Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0;
    if (empty && noExpressions) {
      ctx.report(['spec', 'selector'], 'spec.selector: Invalid value: empty selector is invalid for deployment', { part: 'key' });
      return;
    }
    const labels = getPath(spec, ['template', 'metadata', 'labels']);
    if (selectorMatches(selector, isRecord(labels) ? labels : {}) === false) {
      const where = isRecord(labels) ? ['spec', 'template', 'metadata', 'labels'] : ['spec', 'template'];
      ctx.report(where, 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`', { part: 'key' });
    }
  },
};
