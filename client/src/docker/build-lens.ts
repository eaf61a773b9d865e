// "Build image" above each FROM of a Dockerfile. In the core bundle, not the Docker part: a pure text scan
// (no I/O, no dockerode), so the lens shows at once and its command loads the part when clicked.
import * as vscode from 'vscode';

export function registerBuildLens(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: 'dockerfile' }, { provideCodeLenses: fromLenses }));
}

/** "Build image" above each FROM; a named stage gets its own target. Pure text scan: no I/O. */
function fromLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*\S+(?:\s+AS\s+(\S+))?/i.exec(doc.lineAt(i).text);
    if (!m) continue;
    const range = new vscode.Range(i, 0, i, 0);
    lenses.push(new vscode.CodeLens(range, { title: m[1] ? `$(play) Build stage ${m[1]}` : '$(play) Build image', command: 'shipshape.docker.build', arguments: [doc.uri, m[1]] }));
  }
  return lenses;
}
