import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DETECT_KIND_REQUEST, type DetectKindParams, type DetectKindResult } from '../../../protocol';

/**
 * VS Code gives a file its language from the name alone: `compose.*.yaml` and `*docker*compose*.yaml` are
 * Compose even when they hold a Kubernetes manifest, which then gets Compose snippets and Compose
 * highlighting. A Compose-named file whose content is another kind Shipshape knows (top-level apiVersion
 * and kind, as the server detects it: shipshape/detectKind) goes back to YAML. Once per document, so a
 * language the user picks by hand afterwards stays.
 */
export function registerLanguageIds(context: vscode.ExtensionContext, client: LanguageClient): void {
  const corrected = new Set<string>();
  // Documents opened before the server runs wait for it: asking earlier would start it inside activate().
  const waiting = new Map<string, vscode.TextDocument>();
  const isCandidate = (document: vscode.TextDocument) => document.languageId === 'dockercompose' && document.uri.scheme === 'file' && !document.isClosed && !corrected.has(document.uri.toString());
  const ask = async (document: vscode.TextDocument) => {
    const params: DetectKindParams = { uri: document.uri.toString(), text: document.getText() };
    const result = (await client.sendRequest(DETECT_KIND_REQUEST, params).catch(() => undefined)) as DetectKindResult | undefined;
    const kind = result?.kind;
    if (!kind || kind === 'compose' || kind === 'yaml' || !isCandidate(document)) return;
    corrected.add(params.uri);
    void vscode.languages.setTextDocumentLanguage(document, 'yaml');
  };
  const check = (document: vscode.TextDocument) => {
    if (!isCandidate(document)) return;
    if (client.state === State.Running) void ask(document);
    else waiting.set(document.uri.toString(), document);
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(check),
    client.onDidChangeState((event) => {
      if (event.newState !== State.Running) return;
      for (const document of waiting.values()) void ask(document);
      waiting.clear();
    }),
  );
  for (const document of vscode.workspace.textDocuments) check(document);
}
