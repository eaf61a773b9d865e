// The "Get started with Shipshape" walkthrough. It opens by itself once, on the first activation in a
// window that shows startup editors at all, and its steps are checked off by what the user really did
// (context keys), not by events that may have fired before the walkthrough was looked at.
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'shipshape-dev.shipshape#shipshape.gettingStarted';
const SHOWN = 'shipshape.walkthroughShown';

/** Context keys the walkthrough's completionEvents watch (package.json: onContext:…). */
export const WALKTHROUGH_KEYS = {
  dockerfileOpened: 'shipshape.walkthrough.dockerfileOpened',
  dockerConnected: 'shipshape.walkthrough.dockerConnected',
  clusterConnected: 'shipshape.walkthrough.clusterConnected',
} as const;

export function markStep(key: keyof typeof WALKTHROUGH_KEYS): void {
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[key], true);
}

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  // A Dockerfile open before activation (it is what activated the extension) counts too.
  const check = (doc: vscode.TextDocument) => doc.languageId === 'dockerfile' && markStep('dockerfileOpened');
  vscode.workspace.textDocuments.forEach(check);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(check));
  const startup = vscode.workspace.getConfiguration('workbench').get<string>('startupEditor');
  if (!context.globalState.get(SHOWN) && startup !== 'none') {
    void context.globalState.update(SHOWN, true);
    void vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  }
}
