import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerTable } from '../commands/register';
import { COMPOSE_EFFECTIVE_CONFIG_REQUEST, type ComposeEffectiveConfigResult } from '../../../protocol';

export const EFFECTIVE_SCHEME = 'shipshape-compose';
const COMPOSE_FILE = /(^|[\\/])(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;

/**
 * The read-only "effective configuration" view: the project's files merged (override files, COMPOSE_FILE,
 * shipshape.compose.files, include:) by the language server, shown as a virtual YAML document that
 * refreshes as any Compose file of the workspace changes.
 */
export function registerCompose(context: vscode.ExtensionContext, client: LanguageClient): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const open = new Set<string>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const source = sourceOf(uri);
      try {
        const result = await client.sendRequest<ComposeEffectiveConfigResult | null>(COMPOSE_EFFECTIVE_CONFIG_REQUEST, { uri: source.toString() });
        return result?.yaml ?? `# ${source.fsPath} could not be read.\n`;
      } catch (error) {
        return `# The language server could not merge ${source.fsPath}: ${error instanceof Error ? error.message : String(error)}\n`;
      }
    },
  };
  const refresh = (document: vscode.TextDocument) => {
    if (!COMPOSE_FILE.test(document.uri.path) && document.languageId !== 'dockercompose' && !document.uri.path.endsWith('.env')) return;
    for (const key of open) changed.fire(vscode.Uri.parse(key));
  };
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, provider),
    vscode.workspace.onDidOpenTextDocument((d) => d.uri.scheme === EFFECTIVE_SCHEME && open.add(d.uri.toString())),
    vscode.workspace.onDidCloseTextDocument((d) => open.delete(d.uri.toString())),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidSaveTextDocument(refresh),
  );
  registerTable(
    context,
    {
      'shipshape.compose.showEffectiveConfig': async (_, target) => {
        const source = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
        if (!source) {
          void vscode.window.showInformationMessage('Open a Compose file to see its effective configuration.');
          return;
        }
        const document = await vscode.workspace.openTextDocument(effectiveUri(source));
        await vscode.languages.setTextDocumentLanguage(document, 'yaml');
        await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      },
    },
    { ctx: undefined, describe: (e) => (e instanceof Error ? e.message : String(e)) },
  );
}

/** shipshape-compose:/path/compose.yaml (effective)?<source uri> : read-only, titled after the file. */
export function effectiveUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `${source.path} (effective)`, query: source.toString() });
}

function sourceOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(uri.query);
}
