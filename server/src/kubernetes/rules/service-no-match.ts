import type { KubeWorkspaceRule } from '../rule';
import { isRecord } from '../model/documents';

/** A Service whose selector matches the pods of no workload declared in the workspace. */
export const serviceNoMatchRule: KubeWorkspaceRule = {
  id: 'KubeServiceNoMatch',
  severity: 'warning',
  doc: 'A Service selector that matches no Pod or workload pod template in the workspace.',
  appliesTo: { objects: 'every', kinds: ['Service'], workspace: true },
  check(ctx) {
    if (!isRecord(ctx.value.spec)) return;
    const selector = ctx.value.spec.selector;
    if (!isRecord(selector) || Object.keys(selector).length === 0) return;
    // A workspace with Services only (e.g. a chart's split output) says nothing about where pods live.
    if (ctx.declared.workloads === 0 || ctx.declared.selects(selector, ctx.doc.namespace)) return;
    const shown = Object.entries(selector)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
    ctx.report(['spec', 'selector'], `Service selector ${shown} matches no Pod or workload in the workspace`, { part: 'key' });
  },
};
