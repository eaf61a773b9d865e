/// <reference types="mocha" />
// The hostile repository opened untrusted in a real VS Code: nothing it carries or sets runs or is
// used, every command that needs trust is refused by the command table's gate, and the explorers
// contact no cluster and no engine. Markers: .ran-docker (the repo's fake docker), .ran-plugin (the
// fake credential plugin and token helper of the user's kubeconfig, see ../prepare.sh).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts } from '../../suite/channel';
import { shipshape } from '../../suite/shipshape';

const folder = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const hostileDir = process.env.SHIPSHAPE_E2E_HOSTILE_DIR;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function marks(): string[] {
  const dirs = [folder(), ...(hostileDir ? [hostileDir] : [])];
  return dirs.flatMap((d) =>
    fs
      .readdirSync(d)
      .filter((f) => f.startsWith('.ran-'))
      .map((f) => `${path.join(d, f)}: ${fs.readFileSync(path.join(d, f), 'utf8').trim()}`),
  );
}

describe('a hostile repository, untrusted', () => {
  before(async () => {
    await shipshape().activate();
  });

  it("opens untrusted, with the user's kubeconfig of plugins in reach", () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder must be untrusted (test/infra/vscode-untrusted)');
    assert.ok(hostileDir && fs.existsSync(path.join(hostileDir, 'kubeconfig')), 'SHIPSHAPE_E2E_HOSTILE_DIR/kubeconfig (prepare.sh)');
    assert.equal(process.env.KUBECONFIG, path.join(hostileDir!, 'kubeconfig'));
  });

  it("the repository's values of the restricted settings are ignored (each item of issue 13.3)", () => {
    const c = vscode.workspace.getConfiguration('shipshape');
    // The workspace file sets every one of these; untrusted, VS Code hands out the defaults.
    assert.equal(c.get('docker.build.context'), '');
    assert.deepEqual(c.get('docker.build.args'), []);
    assert.equal(c.get('docker.build.network'), '');
    assert.equal(c.get('docker.build.tag'), '');
    assert.deepEqual(c.get('docker.run.configurations'), []);
    assert.equal(c.get('docker.exec.shell'), '/bin/sh');
    assert.equal(c.get('docker.composeVersion'), 'auto');
    assert.equal(c.get('kubernetes.dryRunOnSave'), false);
    assert.equal(c.get('trace.server'), 'off');
    // The repository did try (VS Code does not even report the workspace's value while untrusted).
    const tried = JSON.parse(fs.readFileSync(path.join(folder(), '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(tried['shipshape.kubernetes.dryRunOnSave'], true);
    assert.equal(c.inspect('kubernetes.dryRunOnSave')?.workspaceValue, undefined);
  });

  it('the explorers contact nothing: contexts listed, no connection; Docker not contacted', async () => {
    await vscode.commands.executeCommand('shipshape.k8s.reloadKubeconfig');
    await vscode.commands.executeCommand('workbench.view.extension.shipshape');
    if (hasChannel()) {
      let rows: string[] = [];
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
        rows = (await texts('.pane-body .monaco-list-row')) ?? [];
        if (rows.some((r) => r.includes('not contacted in an untrusted workspace')) && rows.some((r) => r.includes('gcp-user'))) break;
      }
      assert.ok(
        rows.some((r) => r.includes('not contacted in an untrusted workspace')),
        rows.join(' | '),
      );
      assert.ok(rows.some((r) => r.includes('exec-user')) && rows.some((r) => r.includes('gcp-user')), rows.join(' | '));
    }
    await sleep(3000);
    await screenshot('untrusted-explorers');
    assert.deepEqual(marks(), []);
  });

  it("every command that needs trust is refused before it does anything (the command table's gate)", async () => {
    const contributed: { command: string; enablement?: string }[] = shipshape().packageJSON.contributes.commands;
    const gated = contributed.filter((c) => /isWorkspaceTrusted/.test(c.enablement ?? ''));
    assert.ok(gated.length > 40, `${gated.length} commands need trust`);
    for (const { command } of gated) {
      // Refused commands return at once; one that ran would wait on a prompt or on the network.
      const result = await Promise.race([vscode.commands.executeCommand(command), sleep(5000).then(() => 'still running after 5 s')]);
      assert.equal(result, undefined, `${command}: ${String(result)}`);
    }
    // The refusals as the user sees them, in the notification list.
    await vscode.commands.executeCommand('notifications.showList');
    await sleep(1000);
    await screenshot('untrusted-refusal');
    await vscode.commands.executeCommand('notifications.hideList');
    assert.deepEqual(marks(), []);
  });

  it('saving a manifest with dryRunOnSave set by the repository contacts no cluster; Build on the Dockerfile runs nothing', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(folder(), 'deploy.yaml'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
    await doc.save();
    await vscode.commands.executeCommand('shipshape.docker.build', vscode.Uri.file(path.join(folder(), 'Dockerfile')), undefined, { tags: ['x:1'] });
    await vscode.commands.executeCommand('shipshape.compose.up', vscode.Uri.file(path.join(folder(), 'compose.yaml')));
    await vscode.commands.executeCommand('shipshape.buildAndDeploy', vscode.Uri.file(path.join(folder(), 'Dockerfile')));
    await sleep(3000);
    assert.deepEqual(marks(), []);
    assert.equal(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'kube-apiserver').length, 0);
  });
});
