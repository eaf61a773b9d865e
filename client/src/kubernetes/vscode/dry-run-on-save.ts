// Whether saving a document asks the cluster for a dry run: read by the core (a save that needs one loads
// the Kubernetes part) and by the part's own save listener. Settings only, so the core stays small.
import * as vscode from 'vscode';
import { config } from '../../config';

export function dryRunsOnSave(document: vscode.TextDocument): boolean {
  // Restricted setting (package.json): an untrusted workspace's own value is ignored, and the dry run refuses anyway.
  return vscode.workspace.isTrusted && document.languageId === 'yaml' && config.dryRunOnSave(document.uri);
}
