import type { KubeRule } from '../rule';
import { rangeOfApiVersion } from '../rule';
import { minorOf } from '../schema/store';
import { removal } from '../validation/api-versions';

/** An apiVersion the target version stopped serving, with the replacement the quick fix rewrites to. */
export const removedApiRule: KubeRule = {
  id: 'KubeRemovedApi',
  severity: 'error',
  doc: 'An apiVersion the target Kubernetes version no longer serves; the quick fix rewrites it and the fields that changed.',
  appliesTo: { objects: 'every' },
  check(ctx) {
    const change = removal(ctx.apiVersion, ctx.kind, minorOf(ctx.requested), ctx.resolved);
    if (!change) return;
    const to = change.replacement ? `; use ${change.replacement}${change.note ? ` (${change.note})` : ''}` : change.note ? `; ${change.note}` : '';
    ctx.report(['apiVersion'], `${ctx.kind} ${ctx.apiVersion} was removed in Kubernetes 1.${change.removed} (target ${ctx.requested})${to}`, {
      range: rangeOfApiVersion(ctx.doc),
      data: change.replacement ? { apiVersion: change.replacement, from: ctx.apiVersion, kind: ctx.kind } : undefined,
    });
  },
};
