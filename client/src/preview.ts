// Read-only text documents for previews (apply diffs, edit conflicts): unlike untitled documents
// they never ask to be saved when closed.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'shipshape-preview';

export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  async show(title: string, text: string, language = 'diff', column = vscode.ViewColumn.Beside): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${title.replace(/[\\/]/g, '_')}.diff`, query: String(++this.seq) });
    this.texts.set(uri.toString(), text);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: column, preserveFocus: true });
    return doc;
  }

  /** Closes the editor tabs showing a preview. */
  async close(doc: vscode.TextDocument): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }
}
