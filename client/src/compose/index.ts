import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerLiveYamlView, viewUri } from '../commands/live-yaml-view';
import { COMPOSE_EFFECTIVE_CONFIG_REQUEST, type ComposeEffectiveConfigResult } from '../../../protocol';

export const EFFECTIVE_SCHEME = 'shipshape-compose';
const COMPOSE_FILE = /(^|[\\/])(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;
const VIEW = { scheme: EFFECTIVE_SCHEME, suffix: 'effective' };

/**
 * The read-only "effective configuration" view: the project's files merged (override files, COMPOSE_FILE,
 * shipshape.compose.files, include:) by the language server, shown as a virtual YAML document that
 * refreshes as any Compose file of the workspace changes.
 */
export function registerCompose(context: vscode.ExtensionContext, client: LanguageClient): void {
  registerLiveYamlView(context, {
    ...VIEW,
    command: 'shipshape.compose.showEffectiveConfig',
    noFile: 'Open a Compose file to see its effective configuration.',
    async content(source) {
      const result = await client.sendRequest<ComposeEffectiveConfigResult | null>(COMPOSE_EFFECTIVE_CONFIG_REQUEST, { uri: source.toString() });
      return result?.yaml ?? `# ${source.fsPath} could not be read.\n`;
    },
    affects: (document) => COMPOSE_FILE.test(document.uri.path) || document.languageId === 'dockercompose' || document.uri.path.endsWith('.env'),
  });
}

/** shipshape-compose:/path/compose.yaml (effective)?<source uri> : read-only, titled after the file. */
export function effectiveUri(source: vscode.Uri): vscode.Uri {
  return viewUri(VIEW, source);
}
