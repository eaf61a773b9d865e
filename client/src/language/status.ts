import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../../server/src/lsp/protocol';
import { describeState } from './client';

/** One status bar item: server state and the Kubernetes version manifests are checked against. */
export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('shipshape.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Shipshape';
  item.command = 'shipshape.showOutput';
  let server: string = describeState(client.state);
  let kubernetesVersion = '';
  let indexing = false;
  const render = () => {
    const icon = server === 'running' ? (indexing ? '$(sync~spin)' : '$(check)') : server === 'starting' ? '$(sync~spin)' : '$(error)';
    item.text = `${icon} Shipshape${kubernetesVersion ? ` · k8s ${kubernetesVersion}` : ''}`;
    item.tooltip = `Shipshape language server: ${server}${indexing ? ' (indexing workspace)' : ''}\nKubernetes schema version: ${kubernetesVersion || 'unknown'}\nClick to show the server log.`;
    item.backgroundColor = server === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  };
  render();
  item.show();
  context.subscriptions.push(
    item,
    client.onDidChangeState((event) => {
      server = describeState(event.newState);
      render();
    }),
    client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      kubernetesVersion = params.kubernetesVersion;
      indexing = params.state === 'indexing';
      render();
    }),
  );
}
