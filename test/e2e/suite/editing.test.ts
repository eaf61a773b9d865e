/// <reference types="mocha" />
// Editing assistance through the real language client: quick fix, completion and hover in a real
// Dockerfile editor, the way a user triggers them (the built-in command providers VS Code itself uses).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from './channel';
import { codeOf, lineOf, openEditor, shipshape, waitForDiagnostics } from './shipshape';

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(editor.document.isDirty, false);
}

describe('editing assistance in a Dockerfile', () => {
  before(async () => {
    await shipshape().activate();
  });

  it('the FromAsCasing quick fix makes the keywords agree and the warning goes away', async () => {
    const editor = await openEditor('Dockerfile');
    const uri = editor.document.uri;
    const line = lineOf(editor.document, ' as build');
    const [diagnostic] = (await waitForDiagnostics(uri, 'FromAsCasing', (all) => all.some((d) => codeOf(d) === 'FromAsCasing' && d.range.start.line === line))).filter((d) => codeOf(d) === 'FromAsCasing' && d.range.start.line === line);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    // The command API drops the actions' diagnostics: pick the fix by what its edit touches.
    const fix = actions.find((a) => a.edit?.get(uri).some((e) => e.range.intersection(diagnostic.range)));
    assert.ok(fix?.edit, `a quick fix for FromAsCasing; offered: ${actions.map((a) => a.title).join(', ') || '(none)'}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const text = editor.document.lineAt(line).text;
      const [, from, as] = /^\s*(from)\s+\S+\s+(as)\s/i.exec(text) ?? [];
      assert.ok(from && as && (from === from.toUpperCase()) === (as === as.toUpperCase()), `keywords agree after the fix: "${text}"`);
      await waitForDiagnostics(uri, 'FromAsCasing to go away after the fix', (all) => !all.some((d) => codeOf(d) === 'FromAsCasing' && d.range.start.line === line));
    } finally {
      await revert(editor);
    }
    await waitForDiagnostics(uri, 'FromAsCasing back after revert', (all) => all.some((d) => codeOf(d) === 'FromAsCasing'));
  });

  it('completes instructions while typing on a new line', async () => {
    const editor = await openEditor('Dockerfile');
    try {
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      await editor.edit((edit) => edit.insert(end, '\nHEALTH'));
      const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(
        labels.some((l) => l.startsWith('HEALTHCHECK')),
        `completions at "HEALTH": ${labels.slice(0, 30).join(', ')}`,
      );
    } finally {
      await revert(editor);
    }
  });

  it('shows documentation when hovering an instruction', async () => {
    const editor = await openEditor('Dockerfile');
    const line = lineOf(editor.document, 'WORKDIR');
    const position = new vscode.Position(line, 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /working directory/i, `hover on WORKDIR: ${text.slice(0, 300) || '(nothing)'}`);
    // What the user sees: the hover widget over the editor.
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1000));
    await screenshot('dockerfile-hover');
  });
});
