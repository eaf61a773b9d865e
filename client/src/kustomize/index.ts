import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerLiveYamlView } from '../commands/live-yaml-view';
import { KUSTOMIZE_BUILT_MANIFEST_REQUEST, type KustomizeBuiltManifestParams, type KustomizeBuiltManifestResult } from '../../../protocol';

export const BUILT_SCHEME = 'shipshape-kustomize';

/**
 * **Shipshape: Show Built Manifest**: the output of `kustomize build` for the kustomization of the
 * current file (itself, or the one whose build reads it), built by the language server's engine with the
 * editor's unsaved text, as a read-only YAML document that rebuilds as YAML files change.
 */
export function registerKustomize(context: vscode.ExtensionContext, client: LanguageClient): void {
  registerLiveYamlView(context, {
    scheme: BUILT_SCHEME,
    suffix: 'built',
    command: 'shipshape.kustomize.showBuiltManifest',
    noFile: 'Open a kustomization (or a file one builds) to see its built manifest.',
    async content(source) {
      const result = await client.sendRequest<KustomizeBuiltManifestResult>(KUSTOMIZE_BUILT_MANIFEST_REQUEST, { uri: source.toString() } satisfies KustomizeBuiltManifestParams);
      return result.yaml;
    },
    affects: (document) => document.uri.scheme === 'file' && (document.languageId === 'yaml' || /(^|\/)Kustomization$|\.(ya?ml|env|properties)$/.test(document.uri.path)),
  });
}
