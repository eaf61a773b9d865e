/// <reference types="mocha" />
// Snippets per language in real editors: a Kubernetes manifest offers the Kubernetes snippets and not the
// Compose ones, whichever YAML file the window tokenized first, and a manifest with a Compose-like name
// is not taken for Compose.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts } from './channel';
import { openEditor, shipshape, until, workspaceFile } from './shipshape';

/** Prefixes only one snippet file has (both have a `service` prefix). */
const KUBERNETES = ['k8s-deployment', 'k8s-service', 'k8s-configmap'];
const COMPOSE = ['service-build', 'healthcheck', 'depends_on'];

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Snippet prefixes VS Code offers on a new empty last line of the editor (the edit is reverted after). */
async function snippetsAtEnd(editor: vscode.TextEditor): Promise<string[]> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((edit) => edit.insert(end, '\n'));
  try {
    const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
  } finally {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

function assertSnippets(where: string, offered: string[], expected: string[], absent: string[]): void {
  for (const prefix of expected) assert.ok(offered.includes(prefix), `${where} offers ${prefix}; offered: ${offered.join(', ') || '(none)'}`);
  for (const prefix of absent) assert.ok(!offered.includes(prefix), `${where} does not offer ${prefix}; offered: ${offered.join(', ')}`);
}

describe('snippets per language', () => {
  before(async () => {
    await shipshape().activate();
  });

  it('a manifest opened after a Compose file offers the Kubernetes snippets only, and the Compose file the Compose ones', async function () {
    this.timeout(120_000); // three completions with edits and reverts, then the picker: slow on a loaded machine
    // The Compose file is tokenized first: before its own grammar, that stamped every YAML file `dockercompose`.
    const compose = await openEditor('compose.yaml');
    assert.equal(compose.document.languageId, 'dockercompose');
    assertSnippets('compose.yaml', await snippetsAtEnd(compose), COMPOSE, KUBERNETES);
    const manifest = await openEditor('k8s/deployment.yaml');
    assert.equal(manifest.document.languageId, 'yaml');
    assertSnippets('k8s/deployment.yaml', await snippetsAtEnd(manifest), KUBERNETES, COMPOSE);
    assertSnippets('compose.yaml again', await snippetsAtEnd(await openEditor('compose.yaml')), COMPOSE, KUBERNETES);

    // What the user sees: Insert Snippet in the manifest lists the Kubernetes snippets.
    await openEditor('k8s/deployment.yaml');
    // Not awaited: the command resolves only once the picker is closed.
    const picking = vscode.commands.executeCommand('editor.action.insertSnippet');
    try {
      if (!hasChannel()) this.skip(); // the picker is only readable through the code-server runner
      let rows: string[] = [];
      for (const deadline = Date.now() + 20_000; !rows.length && Date.now() < deadline; ) {
        rows = (await texts('.quick-input-widget .monaco-list-row')) ?? [];
        if (!rows.length) await new Promise((r) => setTimeout(r, 250));
      }
      await screenshot('insert-snippet-manifest');
      // Rows read "<prefix>\n<description>": Kubernetes prefixes, none of the Compose ones.
      const shown = rows.join('\n');
      assert.match(shown, /k8s-deployment/, `picker rows: ${JSON.stringify(rows)}`);
      for (const prefix of COMPOSE) assert.ok(!shown.includes(prefix), `picker rows: ${JSON.stringify(rows)}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await picking;
    }
  });

  it('a Kubernetes manifest with a Compose-like name is YAML with the Kubernetes snippets', async () => {
    // VS Code names `compose.*.yaml` Compose by name alone; its content is a Deployment.
    const uri = workspaceFile('k8s/compose.web.yaml');
    const manifest = await vscode.workspace.fs.readFile(workspaceFile('k8s/deployment.yaml'));
    await vscode.workspace.fs.writeFile(uri, manifest);
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const corrected = await until('the manifest to be given back to YAML', () => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        return open?.languageId === 'yaml' && open;
      });
      const editor = await vscode.window.showTextDocument(corrected, { preview: false });
      assert.equal(document.uri.toString(), uri.toString());
      assertSnippets('k8s/compose.web.yaml', await snippetsAtEnd(editor), KUBERNETES, COMPOSE);
      await screenshot('compose-named-manifest');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
