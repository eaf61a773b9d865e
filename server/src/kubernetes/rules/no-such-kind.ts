import type { KubeRule } from '../rule';
import { rangeOfApiVersion } from '../rule';
import { noSuchKind, unexplainedKind } from '../validation/built-in-kinds';

/**
 * A kind its built-in API group does not have (kube-apiserver: "no matches for kind"). A kind the group
 * has in another version is left to KubeRemovedApi / KubeApiNotServed, a CRD that failed to KubeUnknownKind.
 */
export const noSuchKindRule: KubeRule = {
  id: 'KubeNoSuchKind',
  severity: 'error',
  doc: 'A kind that a built-in API group (v1, apps/v1, batch/v1…) does not have, e.g. `kind: configmap`; the quick fix corrects it.',
  appliesTo: { objects: 'every' },
  check(ctx) {
    if (!unexplainedKind(ctx.apiVersion, ctx.kind, ctx.requested, ctx.resolved)) return;
    if (ctx.crds.refusedDefinition(ctx.apiVersion, ctx.kind)) return;
    const missing = noSuchKind(ctx.apiVersion, ctx.kind);
    if (!missing) return;
    // The kind line is the mistake unless the kind belongs to another apiVersion.
    if (missing.fix && 'apiVersion' in missing.fix) ctx.report(['apiVersion'], missing.message, { range: rangeOfApiVersion(ctx.doc), data: { apiVersion: missing.fix.apiVersion, kind: ctx.kind } });
    else ctx.report(['kind'], missing.message, { data: missing.fix ? { replace: missing.fix.kind } : undefined });
  },
};
