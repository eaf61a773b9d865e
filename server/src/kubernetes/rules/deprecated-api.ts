import type { KubeRule } from '../rule';
import { rangeOfApiVersion } from '../rule';
import { minorOf } from '../schema/store';
import { apiChange } from '../validation/api-versions';

/** An apiVersion still served (by a schema) but deprecated in the target version; a removed one is KubeRemovedApi's. */
export const deprecatedApiRule: KubeRule = {
  id: 'KubeDeprecatedApi',
  severity: 'warning',
  doc: 'An apiVersion deprecated in the target Kubernetes version.',
  appliesTo: { objects: 'every' },
  check(ctx) {
    const change = apiChange(ctx.apiVersion, ctx.kind);
    if (!ctx.resolved || !change || minorOf(ctx.requested) < change.deprecated) return;
    const removal = change.removed !== undefined ? `, removed in 1.${change.removed}` : '';
    ctx.report(['apiVersion'], `${ctx.kind} ${ctx.apiVersion} is deprecated since Kubernetes 1.${change.deprecated}${removal}${change.replacement ? `; use ${change.replacement}` : ''}${change.note ? ` (${change.note})` : ''}`, {
      range: rangeOfApiVersion(ctx.doc),
      data: change.replacement && change.kind !== 'Endpoints' ? { apiVersion: change.replacement, from: ctx.apiVersion, kind: ctx.kind } : undefined,
    });
  },
};
