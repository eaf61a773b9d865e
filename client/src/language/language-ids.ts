import * as vscode from 'vscode';
import { detectKind } from '../../../server/src/core/detect';

/**
 * VS Code gives a file its language from the name alone: `compose.*.yaml` and `*docker*compose*.yaml` are
 * Compose even when they hold a Kubernetes manifest, which then gets Compose snippets and Compose
 * highlighting. A Compose-named file whose content is another kind Shipshape knows (top-level apiVersion
 * and kind, as the server detects it) goes back to YAML. Once per document, so a language the user picks
 * by hand afterwards stays.
 */
export function registerLanguageIds(context: vscode.ExtensionContext): void {
  const corrected = new Set<string>();
  const check = (document: vscode.TextDocument) => {
    if (document.languageId !== 'dockercompose' || document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    if (corrected.has(key)) return;
    const kind = detectKind(document.uri.fsPath, document.getText())?.kind;
    if (!kind || kind === 'compose' || kind === 'yaml') return;
    corrected.add(key);
    void vscode.languages.setTextDocumentLanguage(document, 'yaml');
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(check));
  for (const document of vscode.workspace.textDocuments) check(document);
}
