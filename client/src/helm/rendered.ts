import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HELM_RENDERED_REQUEST, type HelmRenderedParams, type HelmRenderedResult } from '../../../protocol';

export const RENDERED_SCHEME = 'shipshape-helm';

/** An edit in a chart refreshes its rendered view after the burst (the server debounces its render too). */
const REFRESH_MS = 300;

/**
 * **Shipshape Helm: Show Rendered Manifest**: the chart of the current file as the language server renders it
 * (chosen values files, --set, release, target version, unsaved text), a read-only virtual YAML document that
 * renders again as any file of the chart changes.
 */
export function registerRenderedManifest(context: vscode.ExtensionContext, client: LanguageClient): (target?: unknown) => Promise<void> {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  /** Open rendered views, by their URI, with their chart folder once the server named it. */
  const open = new Map<string, string | undefined>();
  let timer: NodeJS.Timeout | undefined;
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const source = vscode.Uri.parse(uri.query);
      try {
        const result = (await client.sendRequest(HELM_RENDERED_REQUEST, { uri: source.toString() } satisfies HelmRenderedParams)) as HelmRenderedResult;
        if (!result.chart) return `# ${source.fsPath} is not a file of a Helm chart.\n`;
        open.set(uri.toString(), vscode.Uri.parse(result.chart).fsPath);
        const errors = result.errors.map((e) => `# Error: ${e.replace(/\n/g, '\n#   ')}\n`).join('');
        return errors + result.text;
      } catch (error) {
        return `# The language server could not render the chart of ${source.fsPath}: ${error instanceof Error ? error.message : String(error)}\n`;
      }
    },
  };
  const refresh = (document: vscode.TextDocument) => {
    if (document.uri.scheme !== 'file') return;
    const views = [...open].filter(([, chart]) => chart && document.uri.fsPath.startsWith(chart));
    if (!views.length) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      for (const [key] of views) changed.fire(vscode.Uri.parse(key));
    }, REFRESH_MS);
  };
  context.subscriptions.push(
    changed,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.registerTextDocumentContentProvider(RENDERED_SCHEME, provider),
    vscode.workspace.onDidOpenTextDocument((d) => d.uri.scheme === RENDERED_SCHEME && !open.has(d.uri.toString()) && open.set(d.uri.toString(), undefined)),
    vscode.workspace.onDidCloseTextDocument((d) => open.delete(d.uri.toString())),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidSaveTextDocument(refresh),
  );
  return async (target) => {
    const source = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (source?.scheme !== 'file') {
      void vscode.window.showInformationMessage('Shipshape: open a file of a Helm chart (a template, Chart.yaml or a values file) to see the chart rendered.');
      return;
    }
    const document = await vscode.workspace.openTextDocument(renderedUri(source));
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  };
}

/** shipshape-helm:/path/file (rendered)?<source uri>: read-only, titled after the file it was asked from. */
export function renderedUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: RENDERED_SCHEME, path: `${source.path} (rendered)`, query: source.toString() });
}
