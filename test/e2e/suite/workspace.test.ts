/// <reference types="mocha" />
// The workspace pass in the real VS Code (issue 15 item 8): a manifest created on disk, never opened, gets its
// Shipshape problems in the Problems panel; the status bar counts Shipshape's problems; deleting the file
// takes its problems away.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts, typeText } from './channel';
import { codeOf, shipshape, shipshapeDiagnostics, until, untilAsync, waitForDiagnostics, workspaceFile } from './shipshape';

const FILE = 'a-closed-manifest.yaml';
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Closed_File\ndata:\n  a: "1"\n';

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
const allShipshape = () => vscode.languages.getDiagnostics().reduce((n, [, all]) => n + all.filter((d) => d.source === 'shipshape').length, 0);

describe('the whole workspace in Problems', function () {
  this.timeout(120_000);
  before(async () => {
    await shipshape().activate();
  });

  it("a closed file's problems are in the Problems panel and counted in the status bar; they go with the file", async () => {
    const uri = workspaceFile(FILE);
    fs.writeFileSync(uri.fsPath, MANIFEST);
    try {
      const diagnostics = await waitForDiagnostics(uri, 'KubeInvalidName on the closed file', (all) => all.some((d) => codeOf(d) === 'KubeInvalidName'), 60_000);
      assert.equal(diagnostics.find((d) => codeOf(d) === 'KubeInvalidName')?.range.start.line, 3);
      assert.ok(!isOpen(uri), 'the file was never opened: its diagnostics come from the workspace pass');
      // The view's focus command, not workbench.actions.view.problems: that one toggles, and an earlier test opened it.
      await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
      if (hasChannel()) {
        // The panel is a virtual list that sorts open files first: filtered to this file, its rows are the visible ones.
        await vscode.commands.executeCommand('problems.action.focusFilter');
        await typeText(FILE);
        const rows = await untilAsync(
          'the closed file in the Problems panel',
          async () => {
            const all = (await texts('.markers-panel .monaco-list-row')) ?? [];
            return all.some((r) => r.includes(FILE)) && all.some((r) => r.includes('Closed_File') && r.includes('KubeInvalidName')) ? all : undefined;
          },
          30_000,
        ).catch(async (error: Error) => {
          throw new Error(`${error.message}; rows: ${JSON.stringify((await texts('.markers-panel .monaco-list-row'))?.slice(0, 20))}`);
        });
        assert.ok(rows.length > 0);
        await screenshot('workspace-problems-closed-file');
        // The status bar item counts what Shipshape published, open and closed files together.
        await untilAsync(
          'the status bar count to match the Problems panel',
          async () => {
            const shown = (await texts('[id$=".workspaceProblems"]')) ?? [];
            return shown.some((t) => t.trim() === String(allShipshape())) || undefined;
          },
          20_000,
        ).catch(async (error: Error) => {
          throw new Error(`${error.message}; item: ${JSON.stringify(await texts('[id$=".workspaceProblems"]'))}; Shipshape problems: ${allShipshape()}`);
        });
      }
      assert.ok(!isOpen(uri), 'still never opened');
    } finally {
      fs.rmSync(uri.fsPath, { force: true });
    }
    await until("the deleted file's problems to go", () => shipshapeDiagnostics(uri).length === 0, 30_000);
    if (hasChannel()) {
      await untilAsync('the deleted file to leave the Problems panel', async () => !((await texts('.markers-panel .monaco-list-row')) ?? []).some((r) => r.includes(FILE)) || undefined, 20_000);
      // Still filtered to the file, so an absent row is not just one scrolled out of view; then the filter goes.
      await vscode.commands.executeCommand('problems.action.clearFilterText');
    }
  });
});
