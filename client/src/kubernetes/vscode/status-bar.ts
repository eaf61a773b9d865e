// Status bar: the current context and namespace; clicking switches them.
import * as vscode from 'vscode';
import type { ExplorerModel } from '../explorer/model';

export function registerContextStatus(context: vscode.ExtensionContext, model: ExplorerModel): void {
  const ctxItem = vscode.window.createStatusBarItem('shipshape.k8s.context', vscode.StatusBarAlignment.Left, 50);
  ctxItem.name = 'Kubernetes context';
  ctxItem.command = 'shipshape.k8s.switchContext';
  const nsItem = vscode.window.createStatusBarItem('shipshape.k8s.namespace', vscode.StatusBarAlignment.Left, 49);
  nsItem.name = 'Kubernetes namespace';
  nsItem.command = 'shipshape.k8s.selectNamespace';
  const render = () => {
    if (!model.current) {
      ctxItem.hide();
      nsItem.hide();
      return;
    }
    ctxItem.text = `$(cloud) ${model.current}`;
    ctxItem.tooltip = 'Kubernetes context (click to switch)';
    nsItem.text = `$(symbol-namespace) ${model.namespaceOf()}`;
    nsItem.tooltip = 'Kubernetes namespace shown in the explorer (click to change)';
    ctxItem.show();
    nsItem.show();
  };
  render();
  model.on('change', render);
  context.subscriptions.push(ctxItem, nsItem, { dispose: () => model.off('change', render) });
}
