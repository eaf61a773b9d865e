// A built-in apiVersion/kind that exists in the target version's code (and schema) but that kube-apiserver
// does not serve unless enabled with --runtime-config (alpha and most beta group-versions). A default server
// answers a create with 404 `no matches for kind "X" in version "Y"`. The schema is still applied to the
// document's fields: whoever enables the API gets the same validation from the server.
//
// Which group-versions are served: the connected cluster's own list (the /openapi/v3 index, sent by the client)
// when its version is the target's; otherwise the default configuration of that version
// (schemas/kubernetes/generated/<minor>.json `offByDefault`, from DefaultAPIResourceConfigSource()).
// Removed and deprecated apiVersions (api-versions.ts) are left to removed-api.ts, so the two never report the
// same apiVersion: that rule reports only kinds the target's schema does not have, or those with a lifecycle entry.
import type { KubeRule } from './context';
import { apiChange } from './api-versions';

interface ClusterServed {
  /** kubeconfig context, for the message. */
  context: string;
  /** "1.36" */
  minor: string;
  groupVersions: ReadonlySet<string>;
}

let cluster: ClusterServed | undefined;

/** Set by cluster-schemas.ts from the client's notification; undefined when disconnected or not reported. */
export function setClusterServedGroupVersions(value: { context: string; serverVersion: string; groupVersions: readonly string[] } | undefined): void {
  const minor = value ? /^v?(\d+\.\d+)/.exec(value.serverVersion)?.[1] : undefined;
  cluster = value && minor ? { context: value.context, minor, groupVersions: new Set(value.groupVersions) } : undefined;
}

export const apiNotEnabledRule: KubeRule = {
  id: 'KubeApiNotEnabled',
  severity: 'error',
  doc: 'A built-in apiVersion/kind that a default kube-apiserver of the target version does not serve (alpha and most beta APIs need --runtime-config), or that the connected cluster does not serve.',
  check(ctx) {
    if (!ctx.schemas.kindDefinition(ctx.apiVersion, ctx.kind) || apiChange(ctx.apiVersion, ctx.kind)) return;
    const enable = `enable it with --runtime-config=${ctx.apiVersion}=true`;
    if (cluster && cluster.minor === ctx.version) {
      if (!cluster.groupVersions.has(ctx.apiVersion)) {
        ctx.report(['apiVersion'], `${ctx.apiVersion} ${ctx.kind} is not served by the connected cluster (context ${cluster.context}, Kubernetes ${cluster.minor}): ${enable}`);
      }
      return;
    }
    if (!ctx.schemas.servedByDefault(ctx.apiVersion, ctx.kind)) {
      ctx.report(['apiVersion'], `${ctx.apiVersion} ${ctx.kind} is not served by a default kube-apiserver ${ctx.version} (${enable})`);
    }
  },
};
