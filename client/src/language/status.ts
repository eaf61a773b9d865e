import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../../protocol';
import { describeState } from './client';
import { workspaceProblemsText } from './workspace-problems';

const SOURCE_WORDS: Record<StatusParams['kubernetesVersionSource'], string> = {
  setting: 'from the setting shipshape.kubernetes.version',
  cluster: "the connected cluster's version",
  fallback: 'the newest bundled version: no cluster is connected and shipshape.kubernetes.version is auto',
};

/**
 * Two status bar items: server state and the Kubernetes version manifests are checked against; and the count of
 * Shipshape's problems in the workspace while the workspace pass runs or after it (hidden with scope openFiles).
 */
export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('shipshape.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Shipshape';
  item.command = 'shipshape.showOutput';
  const problems = vscode.window.createStatusBarItem('shipshape.workspaceProblems', vscode.StatusBarAlignment.Right, 99);
  problems.name = 'Shipshape workspace problems';
  problems.command = 'workbench.actions.view.problems';
  let server: string = describeState(client.state);
  let status: StatusParams | undefined;
  let kubernetesVersion = '';
  let source: StatusParams['kubernetesVersionSource'] | undefined;
  let indexing = false;
  // The active file's workspace folder may set its own version (multi-root): show that one.
  const pick = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri)?.uri.toString();
    const own = folder ? status?.folders?.find((f) => f.uri === folder) : undefined;
    kubernetesVersion = (own ?? status)?.kubernetesVersion ?? '';
    source = (own ?? status)?.kubernetesVersionSource;
  };
  const render = () => {
    const icon = server === 'running' ? (indexing ? '$(sync~spin)' : '$(check)') : server === 'starting' ? '$(sync~spin)' : '$(error)';
    // A fallback is marked, so nobody takes "1.36" for what their cluster runs.
    const version = kubernetesVersion && `k8s ${kubernetesVersion}${source === 'fallback' ? ' (default)' : ''}`;
    item.text = `${icon} Shipshape${version ? ` · ${version}` : ''}`;
    item.tooltip =
      `Shipshape language server: ${server}${indexing ? ' (indexing workspace)' : ''}\n` +
      `Kubernetes schema version: ${kubernetesVersion || 'unknown'}${kubernetesVersion ? ` (${SOURCE_WORDS[source ?? 'fallback']})` : ''}\n` +
      'Click to show the server log.';
    item.backgroundColor = server === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  };
  render();
  item.show();
  const renderProblems = () => {
    const shown = server === 'running' ? workspaceProblemsText(status?.workspaceDiagnostics) : undefined;
    if (!shown) return problems.hide();
    problems.text = shown.text;
    problems.tooltip = shown.tooltip;
    problems.show();
  };
  context.subscriptions.push(
    item,
    problems,
    client.onDidChangeState((event) => {
      server = describeState(event.newState);
      render();
      renderProblems();
    }),
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      status = params;
      indexing = params.state === 'indexing';
      pick();
      render();
      renderProblems();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      pick();
      render();
    }),
  );
}
