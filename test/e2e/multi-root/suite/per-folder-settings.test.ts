/// <reference types="mocha" />
// Settings per workspace folder in the real VS Code: a multi-root workspace whose two folders set different
// shipshape.kubernetes.version (1.33, 1.36) and shipshape.rules in their own .vscode/settings.json, over the
// workspace's 1.35. The same manifest in each folder is checked with that folder's values, and changing one
// folder's value re-checks that folder's file only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts } from '../../suite/channel';
import { codeOf, shipshape, until, untilAsync, waitForDiagnostics } from '../../suite/shipshape';

const FILE = 'volume-classes.yaml';

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(found, `no workspace folder ${name}: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return found;
}

/** "line code severity" per Shipshape diagnostic, sorted. */
const summary = (diagnostics: vscode.Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line} ${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]}`).sort();

const OLDER = ['2 KubeApiNotServed Error', '8 KubeApiNotEnabled Error'];
const NEWER = ['8 KubeApiNotEnabled Warning'];

describe("multi-root workspace: each folder's files are checked with that folder's settings", () => {
  before(async () => {
    await shipshape().activate();
    // code-server may start the extension host before it has read the .code-workspace file's folders: they
    // arrive as a folder change (which the language server follows), so wait for them rather than race them.
    await until('both workspace folders', () => (vscode.workspace.workspaceFolders?.length ?? 0) >= 2 || undefined, 30_000);
  });

  it('opens both folders of the .code-workspace file, each with its own resource-scoped values', () => {
    assert.ok(vscode.workspace.workspaceFile?.path.endsWith('multi-root.code-workspace'), String(vscode.workspace.workspaceFile));
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['older', 'newer'],
    );
    const version = (name: string) => vscode.workspace.getConfiguration('shipshape', folder(name).uri).get<string>('kubernetes.version');
    assert.deepEqual([version('older'), version('newer'), vscode.workspace.getConfiguration('shipshape').get<string>('kubernetes.version')], ['1.33', '1.36', '1.35']);
  });

  it("the same manifest: KubeApiNotServed in the 1.33 folder only, KubeApiNotEnabled a warning where the folder's rules say so", async () => {
    const older = vscode.Uri.joinPath(folder('older').uri, FILE);
    const newer = vscode.Uri.joinPath(folder('newer').uri, FILE);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(older), { preview: false });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(newer), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    await waitForDiagnostics(older, `older/${FILE}: ${OLDER.join(', ')}`, (d) => summary(d).join() === OLDER.join(), 45_000);
    await waitForDiagnostics(newer, `newer/${FILE}: ${NEWER.join(', ')}`, (d) => summary(d).join() === NEWER.join(), 45_000);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('multi-root-problems');
  });

  it("the status bar shows the Kubernetes version of the active file's folder", async function () {
    if (!hasChannel()) this.skip(); // the status bar is only readable through the code-server runner
    for (const [name, version] of [
      ['older', '1.33'],
      ['newer', '1.36'],
    ]) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(name).uri, FILE)), { preview: false });
      const says = async () => ((await texts('#workbench\\.parts\\.statusbar .statusbar-item')) ?? []).some((t) => t.includes(`Shipshape · k8s ${version}`)) || undefined;
      await untilAsync(`the status bar to say k8s ${version} for ${name}/${FILE}`, says, 20_000);
    }
  });

  it("changing one folder's version re-checks that folder's file with the new value; the other folder keeps its own", async () => {
    const newerFolder = folder('newer');
    const older = vscode.Uri.joinPath(folder('older').uri, FILE);
    const newer = vscode.Uri.joinPath(newerFolder.uri, FILE);
    const settings = vscode.workspace.getConfiguration('shipshape', newerFolder.uri);
    await settings.update('kubernetes.version', '1.33', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const expected = ['2 KubeApiNotServed Error', '8 KubeApiNotEnabled Warning'];
      await waitForDiagnostics(newer, `newer/${FILE} at 1.33: ${expected.join(', ')}`, (d) => summary(d).join() === expected.join(), 45_000);
      assert.deepEqual(summary(vscode.languages.getDiagnostics(older).filter((d) => d.source === 'shipshape')), OLDER);
      await screenshot('multi-root-changed-folder');
    } finally {
      await settings.update('kubernetes.version', '1.36', vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitForDiagnostics(newer, `newer/${FILE} back at 1.36`, (d) => summary(d).join() === NEWER.join(), 45_000);
  });
});
