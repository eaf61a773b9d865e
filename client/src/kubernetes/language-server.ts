// What the Kubernetes features ask the language server instead of parsing manifests or reading the bundled
// schemas themselves (protocol/). No vscode import: the extension backs it with its LanguageClient, node tests
// with the built server over stdio.
import type { Range } from 'vscode-languageserver-types';
import {
  BUNDLED_GROUP_VERSIONS_REQUEST,
  KUBERNETES_FIELD_RANGES_REQUEST,
  KUBERNETES_OBJECTS_REQUEST,
  type BundledGroupVersionsParams,
  type BundledGroupVersionsResult,
  type KubernetesField,
  type KubernetesFieldRangesParams,
  type KubernetesFieldRangesResult,
  type KubernetesObjectDocument,
  type KubernetesObjectsParams,
} from '../../../protocol';

export interface KubernetesLanguageServer {
  /** The documents of a text that are Kubernetes objects. */
  objects(text: string): Promise<KubernetesObjectDocument[]>;
  /** Where fields of those documents are in the text. */
  fieldRanges(text: string, fields: KubernetesField[]): Promise<(Range | null)[]>;
  /** Group-versions the bundled schemas cover for a cluster's version ("v1.36.3"). */
  bundledGroupVersions(serverVersion: string): Promise<string[]>;
}

/** Sends an LSP request: LanguageClient.sendRequest, or a JSON-RPC connection's. */
export type SendRequest = (method: string, params: unknown) => Promise<unknown>;

export function kubernetesLanguageServer(send: SendRequest): KubernetesLanguageServer {
  return {
    objects: async (text) => (await send(KUBERNETES_OBJECTS_REQUEST, { text } satisfies KubernetesObjectsParams)) as KubernetesObjectDocument[],
    fieldRanges: async (text, fields) => (await send(KUBERNETES_FIELD_RANGES_REQUEST, { text, fields } satisfies KubernetesFieldRangesParams)) as KubernetesFieldRangesResult,
    bundledGroupVersions: async (serverVersion) => ((await send(BUNDLED_GROUP_VERSIONS_REQUEST, { serverVersion } satisfies BundledGroupVersionsParams)) as BundledGroupVersionsResult).groupVersions,
  };
}
