import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CLUSTER_SCHEMAS_NOTIFICATION, CLUSTER_VERSION_NOTIFICATION, type ClusterSchemasParams, type ClusterVersionParams } from '../../../protocol';
import { kubernetesLanguageServer, type KubernetesLanguageServer } from '../kubernetes/language-server';

/** What the Kubernetes explorer tells the language server about the connected cluster. */
export interface ClusterFacts {
  /** "1.36" for `shipshape.kubernetes.version: auto`, or null when no cluster is connected. */
  setClusterVersion(version: string | null): void;
  /** The cluster's CRDs, so custom resources validate against what is installed there. */
  setClusterSchemas(params: ClusterSchemasParams): void;
}

/** The Kubernetes features' line to the language server: what they tell it about the cluster, what they ask it. */
export interface KubernetesLanguage extends ClusterFacts, KubernetesLanguageServer {}

/** Keeps the latest facts and resends them whenever the server (re)starts; requests wait for a starting server. */
export function clusterFactsSink(client: LanguageClient): KubernetesLanguage & { dispose(): void } {
  let version: ClusterVersionParams | undefined;
  let schemas: ClusterSchemasParams | undefined;
  const send = (method: string, params: unknown) => {
    if (client.state === State.Running) void client.sendNotification(method, params).catch(() => undefined);
  };
  const subscription = client.onDidChangeState((event) => {
    if (event.newState !== State.Running) return;
    if (version) send(CLUSTER_VERSION_NOTIFICATION, version);
    if (schemas) send(CLUSTER_SCHEMAS_NOTIFICATION, schemas);
  });
  return {
    ...kubernetesLanguageServer((method, params) => client.sendRequest(method, params)),
    setClusterVersion(value) {
      version = { version: value };
      send(CLUSTER_VERSION_NOTIFICATION, version);
    },
    setClusterSchemas(params) {
      schemas = params;
      send(CLUSTER_SCHEMAS_NOTIFICATION, schemas);
    },
    dispose: () => subscription.dispose(),
  };
}
