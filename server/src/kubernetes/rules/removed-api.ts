import type { RuleInfo } from '../../core/diagnostics';
import type { KubeRuleContext } from '../rule';
import { apiChange } from '../validation/api-versions';
import { bundledVersions, schemasFor, minorOf } from '../schema/store';
import { noSuchKind, noSuchKindRule } from './no-such-kind';

/** The oldest bundled version newer than `minor` that serves apiVersion/kind. */
function firstVersionServing(apiVersion: string, kind: string, minor: number): string | undefined {
  const newer = bundledVersions().filter((v) => minorOf(v) > minor).sort((a, b) => minorOf(a) - minorOf(b));
  return newer.find((v) => schemasFor(v).kindDefinition(apiVersion, kind));
}

export const removedApiRule: RuleInfo = { id: 'KubeRemovedApi', severity: 'error', doc: 'An apiVersion the target Kubernetes version no longer serves; the quick fix rewrites it and the fields that changed.' };
export const deprecatedApiRule: RuleInfo = { id: 'KubeDeprecatedApi', severity: 'warning', doc: 'An apiVersion deprecated in the target Kubernetes version.' };
export const notYetServedRule: RuleInfo = { id: 'KubeApiNotServed', severity: 'error', doc: 'An apiVersion/kind that only newer bundled Kubernetes versions serve.' };
export const unknownKindRule: RuleInfo = { id: 'KubeUnknownKind', severity: 'warning', doc: 'An apiVersion/kind with no bundled schema and no CustomResourceDefinition in the workspace or cluster.' };

/** Reports removed / deprecated / unknown apiVersion+kind; returns true when the document can still be schema-checked. */
export function checkApiVersion(ctx: KubeRuleContext, known: boolean, report: (code: string, severity: 'error' | 'warning', message: string, data?: unknown, at?: 'kind') => void): void {
  const minor = minorOf(ctx.version);
  const change = apiChange(ctx.apiVersion, ctx.kind);
  if (change?.removed !== undefined && minor >= change.removed && !known) {
    const to = change.replacement ? `; use ${change.replacement}${change.note ? ` (${change.note})` : ''}` : change.note ? `; ${change.note}` : '';
    report(removedApiRule.id, 'error', `${ctx.kind} ${ctx.apiVersion} was removed in Kubernetes 1.${change.removed} (target ${ctx.version})${to}`,
      change.replacement ? { apiVersion: change.replacement, from: ctx.apiVersion, kind: ctx.kind } : undefined);
    return;
  }
  if (change && minor >= change.deprecated && known) {
    const removal = change.removed !== undefined ? `, removed in 1.${change.removed}` : '';
    report(deprecatedApiRule.id, 'warning', `${ctx.kind} ${ctx.apiVersion} is deprecated since Kubernetes 1.${change.deprecated}${removal}${change.replacement ? `; use ${change.replacement}` : ''}${change.note ? ` (${change.note})` : ''}`,
      change.replacement && change.kind !== 'Endpoints' ? { apiVersion: change.replacement, from: ctx.apiVersion, kind: ctx.kind } : undefined);
    return;
  }
  if (!known) {
    const newer = firstVersionServing(ctx.apiVersion, ctx.kind, minor);
    if (newer) {
      report(notYetServedRule.id, 'error', `${ctx.kind} ${ctx.apiVersion} is not served by Kubernetes ${ctx.version}; it is available from ${newer} on (set the target version with a modeline or shipshape.kubernetes.version)`);
      return;
    }
    const refused = ctx.crds.refusedDefinition(ctx.apiVersion, ctx.kind);
    if (refused) {
      report(unknownKindRule.id, 'warning', `${ctx.kind} ${ctx.apiVersion} is not validated: its CustomResourceDefinition (${refused.uri.replace(/^.*\//, '')}:${refused.line + 1}) has errors kube-apiserver rejects it for; fix those first`);
      return;
    }
    const missing = noSuchKind(ctx.apiVersion, ctx.kind);
    if (missing) {
      // The kind line is the mistake unless the kind belongs to another apiVersion.
      if (missing.fix && 'apiVersion' in missing.fix) report(noSuchKindRule.id, 'error', missing.message, { apiVersion: missing.fix.apiVersion, kind: ctx.kind });
      else report(noSuchKindRule.id, 'error', missing.message, missing.fix ? { replace: missing.fix.kind } : undefined, 'kind');
      return;
    }
    report(unknownKindRule.id, 'warning', `no schema for ${ctx.kind} in ${ctx.apiVersion} (Kubernetes ${ctx.version}): not a built-in kind and no CustomResourceDefinition for it in the workspace`);
  }
}
