import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CLUSTER_VERSION_NOTIFICATION, type ClusterVersionParams } from '../../../server/src/lsp/protocol';

/**
 * Tells the server which Kubernetes version the connected cluster runs (for `version: auto`).
 * Remembers the latest value and resends it whenever the server (re)starts.
 */
export function clusterVersionSink(client: LanguageClient): { setClusterVersion(version: string | null): void; dispose(): void } {
  let latest: string | null = null;
  const send = () => {
    if (client.state !== State.Running) return;
    const params: ClusterVersionParams = { version: latest };
    void client.sendNotification(CLUSTER_VERSION_NOTIFICATION, params).catch(() => undefined);
  };
  const subscription = client.onDidChangeState((event) => {
    if (event.newState === State.Running && latest !== null) send();
  });
  return {
    setClusterVersion(version) {
      latest = version;
      send();
    },
    dispose: () => subscription.dispose(),
  };
}
