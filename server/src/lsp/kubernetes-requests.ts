import type { Connection } from 'vscode-languageserver/node';
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
import { fieldRanges, objectDocuments } from '../kubernetes/model/object-documents';
import { bundledGroupVersions } from '../kubernetes/schema/group-versions';

/** What the client asks the server about manifests and bundled schemas, so it needs no parser or schema of its own. */
export function registerKubernetesRequests(connection: Connection): void {
  connection.onRequest(KUBERNETES_OBJECTS_REQUEST, (params: KubernetesObjectsParams): KubernetesObjectDocument[] => (typeof params?.text === 'string' ? objectDocuments(params.text) : []));

  connection.onRequest(KUBERNETES_FIELD_RANGES_REQUEST, (params: KubernetesFieldRangesParams): KubernetesFieldRangesResult => {
    if (typeof params?.text !== 'string' || !Array.isArray(params.fields)) return [];
    return fieldRanges(params.text, params.fields.map(wellFormed));
  });

  connection.onRequest(
    BUNDLED_GROUP_VERSIONS_REQUEST,
    (params: BundledGroupVersionsParams): BundledGroupVersionsResult => ({
      groupVersions: typeof params?.serverVersion === 'string' ? bundledGroupVersions(params.serverVersion) : [],
    }),
  );
}

/** A field as the protocol describes it, whatever arrived (another editor may send anything). */
function wellFormed(field: Partial<KubernetesField> | null): KubernetesField {
  const path = Array.isArray(field?.path) ? field.path.filter((s) => typeof s === 'string' || typeof s === 'number') : [];
  return { document: typeof field?.document === 'number' ? field.document : -1, path, part: field?.part === 'key' ? 'key' : 'value' };
}
