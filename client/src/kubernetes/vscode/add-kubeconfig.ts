// "Add a Kubeconfig File…": picks a file and appends it to shipshape.kubeconfigs (a machine setting:
// a repository cannot point the explorer at credentials of its choosing). The explorer reloads on the
// configuration change.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { config } from '../../config';

export async function addKubeconfig(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Add a kubeconfig file to the Kubernetes explorer',
    openLabel: 'Add Kubeconfig',
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.join(os.homedir(), '.kube')),
  });
  const file = picked?.[0]?.fsPath;
  if (!file) return undefined;
  await config.addKubeconfig(file);
  return file;
}
