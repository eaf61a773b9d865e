/// <reference types="mocha" />
// Opening a Dockerfile in a fresh window activates Shipshape (nothing else in the folder does) and shows its
// diagnostics, with neither the Kubernetes nor the Docker part loaded. Every step's time is kept, from the
// extension host's and VS Code's own marks and the language server's (protocol STARTUP_TIMES_REQUEST), and
// written to $SHIPSHAPE_E2E_METRICS for bench/activation.bench.ts.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { StartupTimes } from '../../../../protocol';
import { texts } from '../../suite/channel';
import { EXTENSION_ID, shipshape, shipshapeDiagnostics, until, workspaceFile } from '../../suite/shipshape';

const epoch = (now: number) => performance.timeOrigin + now;

/** VS Code's own performance marks in this extension host (vs/base/common/performance), epoch milliseconds. */
function vscodeMarks(): Record<string, number> {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  return Object.fromEntries(marks.filter((m) => m.name.endsWith(`/${EXTENSION_ID}`)).map((m) => [m.name.replace(`/${EXTENSION_ID}`, '').replace('code/extHost/', ''), m.startTime]));
}

describe('cold open of a Dockerfile', () => {
  const metrics: Record<string, unknown> = {};
  after(() => {
    if (process.env.SHIPSHAPE_E2E_METRICS) writeFileSync(process.env.SHIPSHAPE_E2E_METRICS, JSON.stringify(metrics));
  });

  it('activates Shipshape, which shows diagnostics without loading the Kubernetes or Docker part', async () => {
    const extension = shipshape();
    assert.equal(extension.isActive, false, 'nothing but the open below may activate Shipshape (the folder has no workspaceContains match)');
    const uri = workspaceFile('app.dockerfile');
    let diagnosedAt: number | undefined;
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (diagnosedAt === undefined && e.uris.some((u) => u.toString() === uri.toString()) && shipshapeDiagnostics(uri).length) diagnosedAt = epoch(performance.now());
    });
    const openAt = epoch(performance.now());
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      await until('Shipshape to activate', () => extension.isActive, 30_000);
      await until("Shipshape's diagnostics of app.dockerfile", () => diagnosedAt !== undefined, 30_000);
    } finally {
      listener.dispose();
    }
    const api = extension.exports;
    assert.deepEqual(api.partLoadMs(), { kubernetes: undefined, docker: undefined });
    const server = (await api.client.sendRequest('shipshape/startupTimes')) as StartupTimes;
    assert.ok(server.firstPublish && server.firstPublish <= diagnosedAt!, JSON.stringify(server));
    // The extension's own mark of handing them to VS Code, before the (debounced) event above.
    const { firstDiagnostics, serverFork, ...clock } = api.clock;
    assert.equal(firstDiagnostics?.uri, uri.toString());
    assert.ok(epoch(firstDiagnostics.at) <= diagnosedAt!, JSON.stringify({ firstDiagnostics, diagnosedAt }));

    // VS Code's own figure, as "Developer: Show Running Extensions" shows it: codeLoadingTime + activateCallTime.
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    let shown: string | undefined;
    for (const deadline = Date.now() + 10_000; !shown && Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      shown = ((await texts('.runtime-extensions-editor .monaco-list-row')) ?? []).find((row) => row.includes('Shipshape'));
    }
    Object.assign(metrics, {
      openAt,
      diagnosedAt,
      clock: {
        ...Object.fromEntries(Object.entries(clock).map(([k, v]) => [k, epoch(v)])),
        diagnosticsSetAt: epoch(firstDiagnostics.at),
        ...(serverFork && { serverForkStart: epoch(serverFork.start), serverForkEnd: epoch(serverFork.end) }),
      },
      activationMs: api.activationMs,
      vscode: vscodeMarks(),
      runningExtensions: shown,
      server,
    });
  });

  it('loads each part on the first run of one of its commands (a stub until then), which then runs for real', async () => {
    const api = shipshape().exports;
    // Local commands: reloading kubeconfig files; Docker's refresh, which only restarts the engine watcher.
    await vscode.commands.executeCommand('shipshape.k8s.reloadKubeconfig');
    await vscode.commands.executeCommand('shipshape.docker.refresh');
    const loaded = api.partLoadMs();
    assert.ok(loaded.kubernetes && loaded.docker, JSON.stringify(loaded));
    // The real commands replaced the stubs: a second run loads nothing and still works.
    await vscode.commands.executeCommand('shipshape.k8s.reloadKubeconfig');
    assert.deepEqual(api.partLoadMs(), loaded);
    metrics.partLoadMs = loaded;
  });
});
