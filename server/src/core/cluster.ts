import type { ClusterSchemasParams, OpenApiGroupVersion } from '../../../protocol';

/**
 * What the connected cluster told the server about itself (through the client's shipshape/clusterSchemas),
 * handed to the language services in their context; absent when no cluster is connected, in the CLI and in
 * tests that do not connect one. A new object whenever the cluster's answer changes, never mutated: a
 * service may cache what it derives from it by object identity.
 */
export interface ClusterFacts {
  /** kubeconfig context, named in messages. */
  readonly context: string;
  /** "v1.36.3" */
  readonly serverVersion?: string;
  /** Every group-version the cluster serves ("v1", "apps/v1", …), when its /openapi/v3 index was read. */
  readonly served?: readonly string[];
  /** CustomResourceDefinition objects from its CRD list (the fallback when /openapi/v3 is not readable). */
  readonly crds: readonly unknown[];
  /** Its custom group-versions from /openapi/v3 (CRDs and aggregated APIs). */
  readonly openapi: readonly OpenApiGroupVersion[];
}

/** The cluster facts of a shipshape/clusterSchemas notification; undefined when it says disconnected. */
export function clusterFactsOf(params: ClusterSchemasParams | null | undefined): ClusterFacts | undefined {
  if (!params || typeof params.context !== 'string' || !params.context) return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
  return {
    context: params.context,
    serverVersion: typeof params.serverVersion === 'string' ? params.serverVersion : undefined,
    served: strings(params.served),
    crds: Array.isArray(params.crds) ? params.crds : [],
    openapi: Array.isArray(params.openapi) ? params.openapi : [],
  };
}
