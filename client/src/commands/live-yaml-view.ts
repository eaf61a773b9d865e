import * as vscode from 'vscode';
import type { CommandId } from './catalog';
import { registerTable } from './register';

/** Open views refresh after a burst of edits, not on every keystroke (the server debounces its work too). */
const REFRESH_MS = 300;

/** A read-only YAML view of something the language server derives from a source file, refreshed as files change. */
export interface LiveYamlView {
  /** The URI scheme of the view's documents. */
  scheme: string;
  command: CommandId;
  /** The view's title after the source's path, e.g. "effective". */
  suffix: string;
  /** Shown when the command runs with no file. */
  noFile: string;
  /** The view's text for a source file (a failure becomes a comment). */
  content(source: vscode.Uri): Promise<string>;
  /** An edit to this document changes what open views show. */
  affects(document: vscode.TextDocument): boolean;
}

/** Registers a view's document provider and its command, which opens the view beside the current file. */
export function registerLiveYamlView(context: vscode.ExtensionContext, view: LiveYamlView): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const open = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const source = vscode.Uri.parse(uri.query);
      try {
        return await view.content(source);
      } catch (error) {
        return `# The language server could not answer for ${source.fsPath}: ${error instanceof Error ? error.message : String(error)}\n`;
      }
    },
  };
  const refresh = (document: vscode.TextDocument) => {
    if (!open.size || document.uri.scheme === view.scheme || !view.affects(document)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      for (const key of open) changed.fire(vscode.Uri.parse(key));
    }, REFRESH_MS);
  };
  context.subscriptions.push(
    changed,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.registerTextDocumentContentProvider(view.scheme, provider),
    vscode.workspace.onDidOpenTextDocument((d) => d.uri.scheme === view.scheme && open.add(d.uri.toString())),
    vscode.workspace.onDidCloseTextDocument((d) => open.delete(d.uri.toString())),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidSaveTextDocument(refresh),
  );
  const table = {
    [view.command]: async (_: unknown, target: unknown) => {
      const source = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!source || source.scheme === view.scheme) {
        void vscode.window.showInformationMessage(view.noFile);
        return;
      }
      const document = await vscode.workspace.openTextDocument(viewUri(view, source));
      await vscode.languages.setTextDocumentLanguage(document, 'yaml');
      await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    },
  } as Record<CommandId, (ctx: undefined, target: unknown) => Promise<void>>;
  registerTable(context, table, { ctx: undefined, describe: (e) => (e instanceof Error ? e.message : String(e)) });
}

/** <scheme>:/path/file.yaml (<suffix>)?<source uri> : read-only, titled after the file. */
export function viewUri(view: Pick<LiveYamlView, 'scheme' | 'suffix'>, source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: view.scheme, path: `${source.path} (${view.suffix})`, query: source.toString() });
}
