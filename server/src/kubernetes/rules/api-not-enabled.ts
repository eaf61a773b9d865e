// A built-in apiVersion/kind that exists in the target version's code (and schema) but that kube-apiserver
// does not serve unless enabled with --runtime-config (alpha and most beta group-versions). A default server
// answers a create with 404 `no matches for kind "X" in version "Y"`. The schema is still applied to the
// document's fields: whoever enables the API gets the same validation from the server.
//
// Which group-versions are served: the connected cluster's own list (the /openapi/v3 index, sent by the client,
// in ctx.cluster) when its version is the target's; otherwise the default configuration of that version
// (schemas/kubernetes/generated/<minor>.json `offByDefault`, from DefaultAPIResourceConfigSource()).
// Removed and deprecated apiVersions (api-versions.ts) are left to removed-api.ts, so the two never report the
// same apiVersion: that rule reports only kinds the target's schema does not have, or those with a lifecycle entry.
import type { KubernetesCluster } from '../cluster-schemas';
import type { KubeRule, KubeRuleContext } from '../rule';
import { apiChange } from '../validation/api-versions';

/**
 * Whether a built-in kind of the bundled schemas is served for `version`: by the connected cluster when
 * its version is the target's, else by a default kube-apiserver. Undefined for kinds the schema lacks.
 */
export function servedBy(schemas: KubeRuleContext['schemas'], version: string, apiVersion: string, kind: string, connected?: KubernetesCluster): { served: boolean; cluster?: { context: string; minor: string } } | undefined {
  if (!schemas.kindDefinition(apiVersion, kind)) return undefined;
  if (connected?.served && connected.served.minor === version) {
    return { served: connected.served.groupVersions.has(apiVersion), cluster: { context: connected.context, minor: connected.served.minor } };
  }
  return { served: schemas.servedByDefault(apiVersion, kind) };
}

export const apiNotEnabledRule: KubeRule = {
  id: 'KubeApiNotEnabled',
  severity: 'error',
  doc: 'A built-in apiVersion/kind that a default kube-apiserver of the target version does not serve (alpha and most beta APIs need --runtime-config), or that the connected cluster does not serve.',
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    if (apiChange(ctx.apiVersion, ctx.kind)) return;
    const verdict = servedBy(ctx.schemas, ctx.version, ctx.apiVersion, ctx.kind, ctx.cluster);
    if (!verdict || verdict.served) return;
    const enable = `enable it with --runtime-config=${ctx.apiVersion}=true`;
    ctx.report(
      ['apiVersion'],
      verdict.cluster
        ? `${ctx.apiVersion} ${ctx.kind} is not served by the connected cluster (context ${verdict.cluster.context}, Kubernetes ${verdict.cluster.minor}): ${enable}`
        : `${ctx.apiVersion} ${ctx.kind} is not served by a default kube-apiserver ${ctx.version} (${enable})`,
    );
  },
};
