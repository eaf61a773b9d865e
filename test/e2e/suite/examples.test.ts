/// <reference types="mocha" />
// examples/README.md in the real VS Code: each example file, opened as a user opens it from `npm start`,
// shows exactly the Shipshape codes its README row promises (the language server's half is
// test/lsp/examples.test.ts), with a screenshot of each file and the Problems panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { screenshot } from './channel';
import { codeOf, listDiagnostics, openEditor, shipshape, shipshapeDiagnostics, waitForDiagnostics, workspaceFile } from './shipshape';

/** The README table rows naming a file: `| \`file\` | what | \`Code\`, … |`. */
function promises(): { file: string; codes: string[] }[] {
  const text = fs.readFileSync(workspaceFile('README.md').fsPath, 'utf8');
  return text.split('\n').flatMap((line) => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const file = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!file || file.endsWith('/') || cells.length !== 3) return [];
    return [{ file, codes: [...cells[2]!.matchAll(/`([A-Z][A-Za-z0-9]+)`/g)].map((m) => m[1]!).sort() }];
  });
}

describe('examples/README.md, in VS Code', function () {
  this.timeout(90_000);
  before(async () => {
    await shipshape().activate();
  });

  const rows = promises();
  it('has rows to check', () => assert.ok(rows.length >= 4, JSON.stringify(rows)));
  for (const { file, codes } of rows) {
    it(`${file} shows ${codes.join(', ')}`, async () => {
      const editor = await openEditor(file);
      const uri = editor.document.uri;
      const shown = () => [...new Set(shipshapeDiagnostics(uri).map(codeOf))].sort();
      await waitForDiagnostics(uri, codes.join(', '), () => JSON.stringify(shown()) === JSON.stringify(codes), 45_000).catch((e: Error) => {
        throw new Error(`${e.message}\nshown: ${shown().join(', ')}; ${listDiagnostics(shipshapeDiagnostics(uri))}`);
      });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await screenshot(`example-${file.replace(/[/.]/g, '-')}`);
    });
  }
});
