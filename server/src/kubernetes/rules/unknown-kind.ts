import type { KubeRule } from '../rule';
import { rangeOfApiVersion } from '../rule';
import { noSuchKind, unexplainedKind } from '../validation/built-in-kinds';

/**
 * An apiVersion/kind nothing validates: no bundled schema, no CRD (or one kube-apiserver refuses). A removed,
 * not-yet-served or misspelled built-in kind is left to its own rule.
 */
export const unknownKindRule: KubeRule = {
  id: 'KubeUnknownKind',
  severity: 'warning',
  doc: 'An apiVersion/kind with no bundled schema and no CustomResourceDefinition in the workspace or cluster.',
  appliesTo: { objects: 'every' },
  check(ctx) {
    if (!unexplainedKind(ctx.apiVersion, ctx.kind, ctx.requested, ctx.resolved)) return;
    const range = rangeOfApiVersion(ctx.doc);
    const refused = ctx.crds.refusedDefinition(ctx.apiVersion, ctx.kind);
    if (refused) {
      ctx.report(['apiVersion'], `${ctx.kind} ${ctx.apiVersion} is not validated: its CustomResourceDefinition (${refused.uri.replace(/^.*\//, '')}:${refused.line + 1}) has errors kube-apiserver rejects it for; fix those first`, { range });
      return;
    }
    if (noSuchKind(ctx.apiVersion, ctx.kind)) return;
    ctx.report(['apiVersion'], `no schema for ${ctx.kind} in ${ctx.apiVersion} (Kubernetes ${ctx.requested}): not a built-in kind and no CustomResourceDefinition for it in the workspace`, { range });
  },
};
