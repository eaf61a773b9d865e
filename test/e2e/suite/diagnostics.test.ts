/// <reference types="mocha" />
// Opening the example files in real editors gives Shipshape diagnostics (what examples/README.md
// promises a user), and they follow edits that are never saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts } from './channel';
import { codeOf, lineOf, listDiagnostics, openEditor, shipshape, waitForDiagnostics } from './shipshape';

describe('diagnostics in real editors', () => {
  before(async () => {
    await shipshape().activate();
  });

  it('Dockerfile: BuildKit checks such as FromAsCasing on the `FROM … as` line', async () => {
    const editor = await openEditor('Dockerfile');
    assert.equal(editor.document.languageId, 'dockerfile');
    const line = lineOf(editor.document, ' as build');
    const diagnostics = await waitForDiagnostics(editor.document.uri, 'FromAsCasing on the FROM … as line', (all) => all.some((d) => codeOf(d) === 'FromAsCasing' && d.range.start.line === line));
    for (const d of diagnostics) assert.ok(d.range.end.line < editor.document.lineCount, `range inside the file: ${listDiagnostics([d])}`);
    await screenshot('dockerfile-editor');
  });

  it('compose.yaml (language dockercompose): the undefined service in depends_on', async () => {
    const editor = await openEditor('compose.yaml');
    assert.equal(editor.document.languageId, 'dockercompose');
    const line = lineOf(editor.document, '- databse');
    await waitForDiagnostics(editor.document.uri, 'a diagnostic on the `- databse` line', (all) => all.some((d) => d.range.start.line === line));
  });

  it('k8s/legacy-ingress.yaml: the removed networking.k8s.io/v1beta1 API version', async () => {
    const editor = await openEditor('k8s/legacy-ingress.yaml');
    const line = lineOf(editor.document, 'apiVersion: networking.k8s.io/v1beta1');
    await waitForDiagnostics(editor.document.uri, 'a diagnostic on the apiVersion line', (all) => all.some((d) => d.range.start.line === line));
  });

  it('k8s/deployment.yaml: the bad label value', async () => {
    const editor = await openEditor('k8s/deployment.yaml');
    const line = lineOf(editor.document, 'not a valid label value!');
    await waitForDiagnostics(editor.document.uri, 'a diagnostic on the bad label line', (all) => all.some((d) => d.range.start.line === line));
    await screenshot('deployment-editor');
  });

  it('follows an unsaved edit: a YAML syntax error appears, and goes away on undo', async () => {
    const editor = await openEditor('compose.yaml');
    const uri = editor.document.uri;
    // Start from the settled diagnostics of the saved file (the misspelt depends_on entry).
    const typo = lineOf(editor.document, '- databse');
    await waitForDiagnostics(uri, 'the diagnostics of the saved file', (all) => all.some((d) => d.range.start.line === typo));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\nbroken: [unclosed\n'));
    const brokenLine = lineOf(editor.document, 'broken: [unclosed');
    await waitForDiagnostics(uri, 'a syntax error at the inserted line', (all) => all.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line >= brokenLine));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.isDirty, false, 'undo restores the saved text');
    await waitForDiagnostics(uri, 'the syntax error to disappear after undo', (all) => all.some((d) => d.range.start.line === typo) && !all.some((d) => d.range.start.line >= brokenLine));
  });

  it('lists Shipshape problems in the Problems panel', async function () {
    const ours = vscode.languages.getDiagnostics().flatMap(([, all]) => all.filter((d) => d.source === 'shipshape'));
    assert.ok(ours.length > 0, 'the example files have Shipshape diagnostics');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (!hasChannel()) this.skip(); // the panel's content is only readable through the code-server runner
    // Rows read "<message> shipshape <code> [Ln, Col]"; the list is virtual, so only visible rows exist.
    const codes = new Set(ours.map(codeOf));
    const shown = (rows: string[]) => rows.filter((r) => r.includes('shipshape') && [...codes].some((c) => r.includes(c)));
    let rows: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      rows = (await texts('.markers-panel .monaco-list-row')) ?? [];
      if (shown(rows).length > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await screenshot('problems-panel');
    assert.ok(shown(rows).length > 0, `Problems rows: ${JSON.stringify(rows.slice(0, 20))}; expected codes: ${[...codes].join(', ')}`);
  });
});
